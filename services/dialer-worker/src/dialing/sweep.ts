import type { Logger } from 'pino';
import { dialJobId } from '@dialwave/contracts';
import { isTerminalCallStatus, requeueQueuedLeads, startScheduledCampaign, topUpCampaign } from '@dialwave/domain';
import type { DialingDeps } from './dialing-deps';
import { reconcileCall } from './reconcile-call';
import { settleCallsAfterOutage } from './settle-after-outage';

/** Job states in which a dial job still owns its call. */
const LIVE_JOB_STATES = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

export interface SweepResult {
  /** Calls open across an outage that the carrier said had ended. */
  settledAfterOutage: number;
  reconciled: number;
  campaigns: number;
  requeued: number;
  queued: number;
  started: number;
}

/** Scheduled campaigns starting within this horizon get their delayed start job now. */
const START_HORIZON_MS = 60_000;

/**
 * Repairs what a crash or an outage can leave behind: calls open across an outage (settled with the
 * carrier), calls whose job is gone but which never ended (reconciled with the carrier), leads QUEUED
 * without a job (re-added), and hoppers below their cap (topped up). It also wakes what waits on time:
 * scheduled campaigns (started when due, and given a delayed start job at their startAt when it is near,
 * so they start on time on whichever replica takes it) and leads whose calling hours, retry delay or daily
 * cap have passed (the top-up takes PENDING leads whose nextEligibleAt has come).
 */
export async function sweepCampaigns(deps: DialingDeps, logger: Logger): Promise<SweepResult> {
  const { config, repository } = deps;
  // First: ends an outage may have cost us free their slots before the hoppers are topped up below.
  const settlement = await settleCallsAfterOutage(deps, logger);
  const overdueBefore = new Date(Date.now() - config.callDeadlineMs - config.overdueGraceMs);
  let reconciled = 0;
  for (const call of await repository.findOverdueCalls(overdueBefore)) {
    const job = await deps.campaign.dialQueue.getJob(dialJobId(call.campaignId!, call.leadId ?? '', call.attempt));
    if (job && LIVE_JOB_STATES.has(await job.getState())) continue;
    // Read again: the list is a snapshot, and a callback or a finishing job may have moved the call since.
    const current = await repository.findCall(call.id);
    if (isTerminalCallStatus(current.status)) continue;
    const callLogger = logger.child({ campaignId: call.campaignId, callId: call.id });
    callLogger.warn({ status: current.status }, 'overdue call without a live job; reconciling');
    await reconcileCall(deps, current, callLogger);
    reconciled++;
  }

  let started = 0;
  const now = new Date();
  for (const campaign of await repository.scheduledCampaigns(new Date(now.getTime() + START_HORIZON_MS))) {
    if (campaign.startAt <= now) {
      if (await startScheduledCampaign(deps.campaign, campaign.id, now)) started++;
    } else {
      await deps.scheduleCampaignStart(campaign.id, campaign.startAt);
    }
  }

  let requeued = 0;
  let queued = 0;
  const campaigns = await repository.runningCampaigns();
  for (const campaign of campaigns) {
    requeued += await requeueQueuedLeads(deps.campaign, campaign.id);
    queued += (await topUpCampaign(deps.campaign, campaign.id, { userId: campaign.userId })).queued;
  }
  const result = { settledAfterOutage: settlement?.ended ?? 0, reconciled, campaigns: campaigns.length, requeued, queued, started };
  if (reconciled > 0 || queued > 0 || started > 0) logger.info(result, 'sweep repaired campaigns');
  return result;
}
