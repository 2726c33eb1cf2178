import { AppError } from '@dialwave/platform';
import { dialJobId, EVENT_NAMES, type TCampaignStatus } from '@dialwave/contracts';
import type { CampaignStatus, DbTransaction } from '@dialwave/db';
import type { CampaignDeps } from './deps';
import { lockCampaign, topUpCampaign } from './campaign-top-up';
import { publishCampaignEvent } from './campaign-events';

export interface StartCampaignInput {
  userId: string;
  agentId: string;
  leadIds?: string[];
  allLeads?: true;
  name: string;
  maxConcurrentCalls?: number;
}

export interface StartCampaignResult {
  campaignId: string;
  status: TCampaignStatus;
  totalLeads: number;
}

/**
 * Stores the campaign and its CampaignLead rows in one transaction, sets it RUNNING and fills the hopper.
 * Leads marked DO_NOT_CALL are left out. Rows are inserted set-wise in SQL so that a 100k-lead campaign
 * starts in one statement instead of 100k parameters.
 */
export async function startCampaign(deps: CampaignDeps, input: StartCampaignInput): Promise<StartCampaignResult> {
  const { prisma } = deps;
  const agent = await prisma.agent.findFirst({ where: { id: input.agentId, userId: input.userId }, select: { id: true } });
  if (!agent) throw new AppError('NOT_FOUND', 'Agent not found', [{ field: 'agentId', message: `no agent ${input.agentId}` }]);

  const leadIds = input.leadIds ? [...new Set(input.leadIds)] : undefined;
  if (leadIds) {
    const owned = await prisma.lead.findMany({ where: { id: { in: leadIds }, userId: input.userId }, select: { id: true } });
    if (owned.length !== leadIds.length) {
      const ownedIds = new Set(owned.map((lead) => lead.id));
      const unknown = leadIds.filter((id) => !ownedIds.has(id));
      throw new AppError('NOT_FOUND', `${unknown.length} lead(s) not found`, [
        { field: 'leadIds', message: `unknown lead ids: ${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? ', …' : ''}` },
      ]);
    }
  }

  const campaign = await prisma.$transaction(
    async (tx) => {
      const created = await tx.campaign.create({
        data: {
          userId: input.userId,
          agentId: input.agentId,
          name: input.name,
          status: 'RUNNING',
          startedAt: new Date(),
          ...(input.maxConcurrentCalls ? { maxConcurrentCalls: input.maxConcurrentCalls } : {}),
        },
      });
      const totalLeads = leadIds
        ? await insertChosenLeads(tx, created.id, input.userId, leadIds)
        : await insertAllCallableLeads(tx, created.id, input.userId);
      if (totalLeads === 0) {
        throw new AppError('VALIDATION_FAILED', 'No callable leads: every chosen lead is marked do-not-call or none exist', [
          { field: leadIds ? 'leadIds' : 'allLeads', message: 'no callable leads' },
        ]);
      }
      return tx.campaign.update({ where: { id: created.id }, data: { totalLeads } });
    },
    { timeout: 60_000 },
  );

  deps.logger.info({ campaignId: campaign.id, totalLeads: campaign.totalLeads }, 'campaign started');
  await publishCampaignEvent(deps.events, EVENT_NAMES.campaignStarted, campaign);
  await topUpCampaign(deps, campaign.id);
  return { campaignId: campaign.id, status: campaign.status, totalLeads: campaign.totalLeads };
}

async function insertChosenLeads(tx: DbTransaction, campaignId: string, userId: string, leadIds: string[]): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "CampaignLead" ("id", "campaignId", "leadId", "position", "state", "attempts", "updatedAt")
    SELECT gen_random_uuid()::text, ${campaignId}, l."id", chosen.ord, 'PENDING', 0, now()
    FROM unnest(${leadIds}::text[]) WITH ORDINALITY AS chosen(id, ord)
    JOIN "Lead" l ON l."id" = chosen.id AND l."userId" = ${userId} AND l."status" <> 'DO_NOT_CALL'`;
}

async function insertAllCallableLeads(tx: DbTransaction, campaignId: string, userId: string): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "CampaignLead" ("id", "campaignId", "leadId", "position", "state", "attempts", "updatedAt")
    SELECT gen_random_uuid()::text, ${campaignId}, l."id", row_number() OVER (ORDER BY l."createdAt", l."id"), 'PENDING', 0, now()
    FROM "Lead" l
    WHERE l."userId" = ${userId} AND l."status" <> 'DO_NOT_CALL'`;
}

/** Stops new dials; calls already live finish and are counted. */
export async function pauseCampaign(deps: CampaignDeps, userId: string, campaignId: string): Promise<void> {
  const campaign = await transition(deps, userId, campaignId, ['RUNNING'], 'PAUSED', 'pause');
  await removeWaitingJobs(deps, campaignId, 'PENDING');
  await publishCampaignEvent(deps.events, EVENT_NAMES.campaignPaused, campaign);
}

export async function resumeCampaign(deps: CampaignDeps, userId: string, campaignId: string): Promise<void> {
  const campaign = await transition(deps, userId, campaignId, ['PAUSED'], 'RUNNING', 'resume');
  await publishCampaignEvent(deps.events, EVENT_NAMES.campaignResumed, campaign);
  await topUpCampaign(deps, campaignId);
}

/** Ends the campaign: no more dials, the leads not yet dialed are SKIPPED, live calls finish. */
export async function cancelCampaign(deps: CampaignDeps, userId: string, campaignId: string): Promise<void> {
  const campaign = await transition(deps, userId, campaignId, ['PENDING', 'RUNNING', 'PAUSED'], 'CANCELED', 'cancel');
  await removeWaitingJobs(deps, campaignId, 'SKIPPED');
  await deps.prisma.campaignLead.updateMany({ where: { campaignId, state: 'PENDING' }, data: { state: 'SKIPPED' } });
  await publishCampaignEvent(deps.events, EVENT_NAMES.campaignCanceled, campaign);
}

async function transition(
  deps: CampaignDeps,
  userId: string,
  campaignId: string,
  from: CampaignStatus[],
  to: CampaignStatus,
  action: string,
) {
  return deps.prisma.$transaction(async (tx) => {
    const current = await tx.campaign.findFirst({ where: { id: campaignId, userId }, select: { status: true } });
    if (!current) throw AppError.notFound('Campaign');
    await lockCampaign(tx, campaignId);
    const updated = await tx.campaign.updateMany({ where: { id: campaignId, status: { in: from } }, data: { status: to } });
    if (updated.count === 0) {
      const latest = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } });
      throw new AppError('INVALID_TRANSITION', `Cannot ${action} a campaign that is ${latest.status}`, [
        { field: 'status', message: `is ${latest.status}; ${action} needs ${from.join(' or ')}` },
      ]);
    }
    deps.logger.info({ campaignId, from: current.status, to }, `campaign ${action}`);
    return tx.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  });
}

/**
 * Removes the campaign's jobs still waiting in the queue and puts their leads in `releaseTo`. A job that a
 * worker already holds cannot be removed; that worker sees the campaign is no longer RUNNING and releases
 * its lead itself (releaseUndialedLead).
 */
async function removeWaitingJobs(deps: CampaignDeps, campaignId: string, releaseTo: 'PENDING' | 'SKIPPED'): Promise<void> {
  const queued = await deps.prisma.campaignLead.findMany({
    where: { campaignId, state: 'QUEUED' },
    select: { id: true, leadId: true, attempts: true },
  });
  for (const lead of queued) {
    const removed = await deps.dialQueue.remove(dialJobId(campaignId, lead.leadId, lead.attempts));
    if (removed === 1) {
      await deps.prisma.campaignLead.updateMany({ where: { id: lead.id, state: 'QUEUED' }, data: { state: releaseTo } });
    }
  }
}

/**
 * For a dial job whose campaign stopped RUNNING before the call was placed: the lead goes back to PENDING
 * (paused campaign) or is SKIPPED (canceled or finished campaign). Returns the state it was given.
 */
export async function releaseUndialedLead(
  deps: Pick<CampaignDeps, 'prisma'>,
  campaignId: string,
  leadId: string,
): Promise<'PENDING' | 'SKIPPED'> {
  return deps.prisma.$transaction(async (tx) => {
    await lockCampaign(tx, campaignId);
    const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } });
    const state = campaign.status === 'PAUSED' || campaign.status === 'RUNNING' ? 'PENDING' : 'SKIPPED';
    await tx.campaignLead.updateMany({ where: { campaignId, leadId, state: 'QUEUED' }, data: { state } });
    return state;
  });
}
