import { AppError } from '@dialwave/platform';
import {
  dialJobId,
  EVENT_NAMES,
  RETRY_DEFAULTS,
  type TAnsweringMachine,
  type TCallingWindow,
  type TCampaignStatus,
  type TRetryPolicy,
} from '@dialwave/contracts';
import type { CampaignStatus, DbTransaction, Prisma } from '@dialwave/db';
import type { CampaignDeps } from './deps';
import { topUpCampaign, topUpHeldCampaigns } from './campaign-top-up';
import { lockCampaign } from './hopper-locks';
import { publishCampaignEvent } from './campaign-events';

export interface StartCampaignInput {
  userId: string;
  agentId: string;
  leadIds?: string[];
  allLeads?: true;
  name: string;
  maxConcurrentCalls?: number;
  /** In the future: the campaign is SCHEDULED until then. */
  startAt?: Date;
  /** Zone for leads whose own zone is unknown. */
  timezone?: string;
  /** Already resolved against the deployment default; null or absent = no calling-hours restriction. */
  callingWindows?: TCallingWindow[] | null;
  retry?: TRetryPolicy;
  answeringMachine?: TAnsweringMachine;
  now?: Date;
}

export interface StartCampaignResult {
  campaignId: string;
  status: TCampaignStatus;
  totalLeads: number;
}

/**
 * Stores the campaign and its CampaignLead rows in one transaction, sets it RUNNING (or SCHEDULED when it
 * starts later) and fills the hopper. Leads marked DO_NOT_CALL or whose number is on the user's do-not-call
 * list are left out. Rows are inserted set-wise in SQL so that a 100k-lead campaign starts in one statement
 * instead of 100k parameters; every lead is eligible from the start, and the hopper moves those outside
 * their calling hours to their next opening as it reaches them.
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

  const now = input.now ?? new Date();
  const scheduled = input.startAt !== undefined && input.startAt.getTime() > now.getTime();
  const eligibleFrom = scheduled ? input.startAt! : now;
  const retry = input.retry ?? RETRY_DEFAULTS;
  const campaign = await prisma.$transaction(
    async (tx) => {
      const created = await tx.campaign.create({
        data: {
          userId: input.userId,
          agentId: input.agentId,
          name: input.name,
          status: scheduled ? 'SCHEDULED' : 'RUNNING',
          startedAt: scheduled ? null : now,
          startAt: input.startAt ?? null,
          timezone: input.timezone ?? null,
          // Left out when there are none: the column is then NULL, "no restriction".
          ...(input.callingWindows && { callingWindows: input.callingWindows as Prisma.InputJsonValue }),
          retryMaxAttempts: retry.maxAttempts,
          retryDelaySeconds: retry.delaySeconds,
          retryOn: retry.on,
          answeringMachine: input.answeringMachine?.action ?? 'continue',
          voicemailMessage: input.answeringMachine?.message ?? null,
          ...(input.maxConcurrentCalls ? { maxConcurrentCalls: input.maxConcurrentCalls } : {}),
        },
      });
      const totalLeads = leadIds
        ? await insertChosenLeads(tx, created.id, input.userId, leadIds, eligibleFrom)
        : await insertAllCallableLeads(tx, created.id, input.userId, eligibleFrom);
      if (totalLeads === 0) {
        throw new AppError('VALIDATION_FAILED', 'No callable leads: every chosen lead is on the do-not-call list or none exist', [
          { field: leadIds ? 'leadIds' : 'allLeads', message: 'no callable leads' },
        ]);
      }
      return tx.campaign.update({ where: { id: created.id }, data: { totalLeads } });
    },
    { timeout: 60_000 },
  );

  if (scheduled) {
    deps.logger.info({ campaignId: campaign.id, totalLeads: campaign.totalLeads, startAt: campaign.startAt }, 'campaign scheduled');
    return { campaignId: campaign.id, status: campaign.status, totalLeads: campaign.totalLeads };
  }
  deps.logger.info({ campaignId: campaign.id, totalLeads: campaign.totalLeads }, 'campaign started');
  await publishCampaignEvent(deps.events, EVENT_NAMES.campaignStarted, campaign);
  await topUpCampaign(deps, campaign.id, { userId: input.userId });
  return { campaignId: campaign.id, status: campaign.status, totalLeads: campaign.totalLeads };
}

/**
 * Starts a SCHEDULED campaign whose startAt has come (the dialer's start job or sweep, on any replica).
 * Returns false when it is not due or no longer SCHEDULED (paused, canceled, or started by another replica).
 */
export async function startScheduledCampaign(deps: CampaignDeps, campaignId: string, now: Date = new Date()): Promise<boolean> {
  const campaign = await deps.prisma.$transaction(async (tx) => {
    await lockCampaign(tx, campaignId);
    const { count } = await tx.campaign.updateMany({
      where: { id: campaignId, status: 'SCHEDULED', startAt: { lte: now } },
      data: { status: 'RUNNING', startedAt: now },
    });
    return count === 1 ? tx.campaign.findUniqueOrThrow({ where: { id: campaignId } }) : null;
  });
  if (!campaign) return false;
  deps.logger.info(
    { campaignId, startAt: campaign.startAt, lateMs: now.getTime() - (campaign.startAt?.getTime() ?? now.getTime()) },
    'scheduled campaign started',
  );
  await publishCampaignEvent(deps.events, EVENT_NAMES.campaignStarted, campaign);
  await topUpCampaign(deps, campaignId, { userId: campaign.userId, now });
  return true;
}

// Only callable leads enter a campaign: the database function dw_callable_leads (migration 20261202063000)
// leaves out leads marked DO_NOT_CALL and numbers on the owner's do-not-call list.

async function insertChosenLeads(
  tx: DbTransaction,
  campaignId: string,
  userId: string,
  leadIds: string[],
  eligibleFrom: Date,
): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "CampaignLead" ("id", "campaignId", "leadId", "position", "state", "attempts", "nextEligibleAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${campaignId}, l."id", chosen.ord, 'PENDING', 0, ${eligibleFrom.toISOString()}::timestamp, now()
    FROM unnest(${leadIds}::text[]) WITH ORDINALITY AS chosen(id, ord)
    JOIN dw_callable_leads(${userId}) l ON l."id" = chosen.id`;
}

async function insertAllCallableLeads(tx: DbTransaction, campaignId: string, userId: string, eligibleFrom: Date): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "CampaignLead" ("id", "campaignId", "leadId", "position", "state", "attempts", "nextEligibleAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${campaignId}, l."id", row_number() OVER (ORDER BY l."createdAt", l."id"), 'PENDING', 0,
      ${eligibleFrom.toISOString()}::timestamp, now()
    FROM dw_callable_leads(${userId}) l`;
}

/** Stops new dials; calls already live finish and are counted. A SCHEDULED campaign pauses before it starts. */
export async function pauseCampaign(deps: CampaignDeps, userId: string, campaignId: string): Promise<void> {
  const campaign = await transition(deps, userId, campaignId, ['RUNNING', 'SCHEDULED'], () => 'PAUSED', 'pause');
  await removeWaitingJobs(deps, campaignId, 'PENDING');
  await publishCampaignEvent(deps.events, EVENT_NAMES.campaignPaused, campaign);
  // Its hopper slots are the user's again.
  await topUpHeldCampaigns(deps, userId, campaignId);
}

/** Back to RUNNING, or to SCHEDULED when it was paused before a start time still ahead. */
export async function resumeCampaign(deps: CampaignDeps, userId: string, campaignId: string): Promise<void> {
  const now = new Date();
  const campaign = await transition(
    deps,
    userId,
    campaignId,
    ['PAUSED'],
    (current) => (current.startedAt === null && current.startAt !== null && current.startAt > now ? 'SCHEDULED' : 'RUNNING'),
    'resume',
  );
  if (campaign.status === 'SCHEDULED') return;
  if (campaign.startedAt === null) await deps.prisma.campaign.update({ where: { id: campaignId }, data: { startedAt: now } });
  await publishCampaignEvent(deps.events, EVENT_NAMES.campaignResumed, campaign);
  await topUpCampaign(deps, campaignId, { userId });
}

/** Ends the campaign: no more dials, the leads not yet dialed are SKIPPED, live calls finish. */
export async function cancelCampaign(deps: CampaignDeps, userId: string, campaignId: string): Promise<void> {
  const campaign = await transition(deps, userId, campaignId, ['PENDING', 'SCHEDULED', 'RUNNING', 'PAUSED'], () => 'CANCELED', 'cancel');
  await removeWaitingJobs(deps, campaignId, 'SKIPPED');
  await deps.prisma.campaignLead.updateMany({ where: { campaignId, state: 'PENDING' }, data: { state: 'SKIPPED' } });
  await publishCampaignEvent(deps.events, EVENT_NAMES.campaignCanceled, campaign);
  await topUpHeldCampaigns(deps, userId, campaignId);
}

async function transition(
  deps: CampaignDeps,
  userId: string,
  campaignId: string,
  from: CampaignStatus[],
  to: (current: { startAt: Date | null; startedAt: Date | null }) => CampaignStatus,
  action: string,
) {
  return deps.prisma.$transaction(async (tx) => {
    const current = await tx.campaign.findFirst({
      where: { id: campaignId, userId },
      select: { status: true, startAt: true, startedAt: true },
    });
    if (!current) throw AppError.notFound('Campaign');
    await lockCampaign(tx, campaignId);
    const target = to(current);
    const updated = await tx.campaign.updateMany({
      where: { id: campaignId, status: { in: from } },
      data: { status: target, tenantHeldAt: null },
    });
    if (updated.count === 0) {
      const latest = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } });
      throw new AppError('INVALID_TRANSITION', `Cannot ${action} a campaign that is ${latest.status}`, [
        { field: 'status', message: `is ${latest.status}; ${action} needs ${from.join(' or ')}` },
      ]);
    }
    deps.logger.info({ campaignId, from: current.status, to: target }, `campaign ${action}`);
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
