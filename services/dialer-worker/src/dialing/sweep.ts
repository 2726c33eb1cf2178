import type { Logger } from 'pino';
import { dialJobId } from '@dialwave/contracts';
import { isTerminalCallStatus, requeueQueuedLeads, topUpCampaign } from '@dialwave/domain';
import type { DialingDeps } from './dialing-deps';
import { reconcileCall } from './reconcile-call';

/** Job states in which a dial job still owns its call. */
const LIVE_JOB_STATES = new Set(['active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);

export interface SweepResult {
  reconciled: number;
  campaigns: number;
  requeued: number;
  queued: number;
}

/**
 * Repairs what a crash can leave behind: calls whose job is gone but which never ended (reconciled with
 * the carrier), leads QUEUED without a job (re-added), and hoppers below their cap (topped up).
 */
export async function sweepCampaigns(deps: DialingDeps, logger: Logger): Promise<SweepResult> {
  const { config, repository } = deps;
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

  let requeued = 0;
  let queued = 0;
  const campaignIds = await repository.runningCampaignIds();
  for (const campaignId of campaignIds) {
    requeued += await requeueQueuedLeads(deps.campaign, campaignId);
    queued += (await topUpCampaign(deps.campaign, campaignId)).queued;
  }
  const result = { reconciled, campaigns: campaignIds.length, requeued, queued };
  if (reconciled > 0 || queued > 0) logger.info(result, 'sweep repaired campaigns');
  return result;
}
