import { dialJobId, JOB_NAMES, type TDialJob } from '@dialwave/contracts';
import type { DbTransaction } from '@dialwave/db';
import type { CampaignDeps } from './deps';

export interface TopUpResult {
  queued: number;
}

/**
 * Keeps a RUNNING campaign's QUEUED + IN_PROGRESS leads at `maxConcurrentCalls`: marks the next PENDING
 * leads QUEUED by position and adds one dial job each. Top-ups of one campaign are serialised by a
 * transaction-scoped advisory lock, so the per-campaign cap holds across every API and dialer replica.
 */
export async function topUpCampaign(deps: CampaignDeps, campaignId: string): Promise<TopUpResult> {
  const jobs = await deps.prisma.$transaction(async (tx) => {
    await lockCampaign(tx, campaignId);
    const campaign = await tx.campaign.findUnique({
      where: { id: campaignId },
      select: { status: true, maxConcurrentCalls: true },
    });
    if (campaign?.status !== 'RUNNING') return [];
    const live = await tx.campaignLead.count({ where: { campaignId, state: { in: ['QUEUED', 'IN_PROGRESS'] } } });
    const free = campaign.maxConcurrentCalls - live;
    if (free <= 0) return [];
    const next = await tx.campaignLead.findMany({
      where: { campaignId, state: 'PENDING' },
      orderBy: { position: 'asc' },
      take: free,
      select: { id: true, leadId: true, attempts: true },
    });
    if (next.length === 0) return [];
    await tx.campaignLead.updateMany({
      where: { id: { in: next.map((row) => row.id) }, state: 'PENDING' },
      data: { state: 'QUEUED', attempts: { increment: 1 } },
    });
    return next.map((row) => ({ campaignId, leadId: row.leadId, attempt: row.attempts + 1 }));
  });
  // Added after commit: a crash in between leaves leads QUEUED without a job, which the sweep re-adds
  // (requeueQueuedLeads); the deterministic job id makes that second add a no-op when the job exists.
  await addDialJobs(deps, jobs);
  return { queued: jobs.length };
}

/** Re-adds jobs for leads left QUEUED (e.g. by a crash between commit and enqueue). */
export async function requeueQueuedLeads(deps: CampaignDeps, campaignId: string): Promise<number> {
  const queued = await deps.prisma.campaignLead.findMany({
    where: { campaignId, state: 'QUEUED', campaign: { status: 'RUNNING' } },
    select: { leadId: true, attempts: true },
  });
  await addDialJobs(
    deps,
    queued.map((row) => ({ campaignId, leadId: row.leadId, attempt: row.attempts })),
  );
  return queued.length;
}

async function addDialJobs(deps: CampaignDeps, jobs: Omit<TDialJob, 'v'>[]): Promise<void> {
  if (jobs.length === 0) return;
  await deps.dialQueue.addBulk(
    jobs.map((job) => ({
      name: JOB_NAMES.dialLead,
      data: { v: 1 as const, ...job },
      opts: { jobId: dialJobId(job.campaignId, job.leadId, job.attempt) },
    })),
  );
}

/** Serialises writers of one campaign's hopper; released when the transaction ends. */
export async function lockCampaign(tx: DbTransaction, campaignId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${campaignId}))) AS l`;
}
