import { EVENT_NAMES, type TDialJob } from '@dialwave/contracts';
import type { Agent, Call, Lead } from '@dialwave/db';
import {
  applyCallStatusUpdate,
  DEFAULT_DIALING_LIMITS,
  isTerminalCallStatus,
  releaseUndialedLead,
  topUpAfterCallEnd,
} from '@dialwave/domain';
import { classifyProviderError } from '@dialwave/providers';
import { awaitCallEnd } from './await-call-end';
import { CallFailedError, type DialingDeps, type DialRun } from './dialing-deps';
import { claimDialThroughGate } from './gate/pre-dial-gate';
import { settleClaimedDial } from './settle-claimed-dial';
import { holdCallBeforeDial } from './skip-before-dial';
import { voiceRuntimeTargetFor } from './voice-runtime-target';
import { webhookUrlsFor } from './webhook-urls';

export type DialLeadOutcome =
  /** The campaign stopped running before the call was placed; the lead went back to PENDING or SKIPPED. */
  | { kind: 'released'; leadState: 'PENDING' | 'SKIPPED' }
  /** Campaign or lead no longer exists. */
  | { kind: 'gone'; what: string }
  | { kind: 'ended'; callId: string; status: Call['status'] };

/**
 * One dial job: place the lead's call for this attempt (at most once), stay until the call ends, then
 * refill the campaign's hopper. Throws CallFailedError when the call failed, and a transient ProviderError
 * when the dial should be retried.
 */
export async function dialLead(deps: DialingDeps, job: TDialJob, run: DialRun): Promise<DialLeadOutcome> {
  const { campaignId, leadId, attempt } = job;
  // Read together: a job runs again rarely, so the target is almost always needed, and one round trip of
  // latency instead of two is time a freed slot stays empty.
  const [existing, { campaign, lead, agent }] = await Promise.all([
    deps.repository.findAttemptCall(campaignId, leadId, attempt),
    deps.repository.loadTarget(campaignId, leadId),
  ]);
  if (existing) return resumeCall(deps, existing, run);

  if (!campaign) return gone(run, 'campaign');
  if (campaign.status !== 'RUNNING') {
    const leadState = await releaseUndialedLead(deps.campaign, campaignId, leadId);
    run.logger.info({ campaignStatus: campaign.status, leadState }, 'campaign not running; lead released without dialing');
    return { kind: 'released', leadState };
  }
  if (!lead || !agent) return gone(run, lead ? 'agent' : 'lead');

  const { call, created } = await deps.repository.findOrCreateCall({
    userId: campaign.userId,
    campaignId,
    leadId,
    agentId: agent.id,
    attempt,
    provider: agent.provider,
    fromNumber: agent.fromNumber,
    toNumber: lead.phone,
  });
  if (!created) return resumeCall(deps, call, run);
  await Promise.all([deps.repository.markLeadInProgress(campaignId, leadId, call.id), publishCallInitiated(deps, call, lead)]);
  return placeCall(deps, call, agent, run);
}

/**
 * A job that runs again (stalled worker, crash, retry) finds its call. A call the carrier may know about
 * (it has a sid, or a callback moved it past INITIATED) is never dialed again: the job only waits for its end.
 */
async function resumeCall(deps: DialingDeps, call: Call, run: DialRun): Promise<DialLeadOutcome> {
  const logger = run.logger.child({ callId: call.id });
  if (isTerminalCallStatus(call.status)) {
    logger.info({ status: call.status }, 'call already ended; topping up only');
    return finish(deps, call, run);
  }
  if (call.providerCallSid || call.status !== 'INITIATED') {
    logger.info({ status: call.status }, 'call already placed; waiting for its end without dialing');
    return waitAndFinish(deps, call, { ...run, logger });
  }
  const claimedAt = await deps.repository.dialClaimedAt(call.id);
  if (claimedAt) {
    // A previous run sent the dial request and died before hearing back: the carrier may have placed the
    // call, so it is dialed again only once the carrier says it has no such call.
    logger.warn('dial request outcome unknown; settling it with the carrier before anything else');
    const subscription = await deps.watcher.watch(call.id);
    try {
      if ((await settleClaimedDial(deps, subscription, claimedAt, logger)) === 'wait') {
        return await finish(deps, await awaitCallEnd(deps, subscription, logger), { ...run, logger });
      }
    } finally {
      await subscription.close();
    }
  }
  // INITIATED without a sid or a claim: the previous run stopped before sending the dial request, or the
  // carrier refused it, so placing it now dials it for the first time.
  await deps.repository.markLeadInProgress(call.campaignId!, call.leadId!, call.id);
  const agent = call.agentId ? await deps.repository.findAgent(call.agentId) : null;
  return placeCall(deps, call, agent ?? { recordCalls: false, callerId: null, voiceRuntimeUrl: null, greeting: '' }, run);
}

async function placeCall(
  deps: DialingDeps,
  call: Call,
  agent: Pick<Agent, 'recordCalls' | 'callerId' | 'voiceRuntimeUrl' | 'greeting'>,
  run: DialRun,
): Promise<DialLeadOutcome> {
  const logger = run.logger.child({ callId: call.id });
  const provider = deps.providers.forProvider(call.provider);
  // Subscribed before dialing: the call may end before the dial request even returns.
  const subscription = await deps.watcher.watch(call.id);
  // Every `return await` below matters: a bare `return finish(...)` would let the finally block's await
  // run while finish's rejection (a failed call) has no handler yet, and Node kills the process for it.
  try {
    // The pre-dial gate sits here, before the claim, so that a job re-run after a crash passes it too.
    const gate = await claimDialThroughGate(deps.campaign.prisma, call, {
      limits: deps.campaign.limits ?? DEFAULT_DIALING_LIMITS,
      destinationPolicy: deps.config.destinationPolicy,
    });
    if (gate.kind === 'claimed-elsewhere') {
      logger.warn("another run holds this call's dial request; waiting for its end without dialing");
      return await finish(deps, await awaitCallEnd(deps, subscription, logger), { ...run, logger });
    }
    if (gate.kind === 'held') return await finish(deps, await holdCallBeforeDial(deps, call, gate, { ...run, logger }), { ...run, logger });
    let providerCallSid: string;
    try {
      ({ providerCallSid } = await provider.dial({
        callId: call.id,
        to: call.toNumber,
        from: call.fromNumber,
        callerId: agent.callerId,
        ...webhookUrlsFor(call.provider, deps.config, call.id),
        voiceRuntime: agent.voiceRuntimeUrl
          ? voiceRuntimeTargetFor(call.provider, agent, { id: call.id, leadName: await deps.repository.leadName(call.leadId) }, deps.config)
          : undefined,
        record: agent.recordCalls,
        answeringMachine: gate.answeringMachine,
        timeoutSeconds: deps.config.ringTimeoutSeconds,
      }));
    } catch (err) {
      const providerError = classifyProviderError(err);
      deps.metrics.dialErrors.inc({ class: providerError.errorClass });
      if (providerError.isTransient && !run.isFinalAttempt) {
        // Only an error the carrier answered (429, 5xx) proves no call was placed; after a timeout or a reset
        // connection the claim stays, and the retry waits for callbacks instead of dialing again.
        if (providerError.httpStatus !== undefined || providerError.notSent) await deps.repository.releaseDialClaim(call.id);
        logger.warn({ reason: providerError.message, httpStatus: providerError.httpStatus }, 'transient dial error; the job will retry');
        throw providerError;
      }
      logger.error({ err: providerError }, 'dial failed');
      await applyCallStatusUpdate(deps.campaign, {
        callId: call.id,
        status: 'FAILED',
        event: 'dial:failed',
        failureReason: providerError.message,
        refusedByCarrier: providerError.refusedNumber,
      });
      return await finish(deps, await deps.repository.findCall(call.id), { ...run, logger });
    }
    deps.metrics.callsDialed.inc({ provider: call.provider });
    const accepted = await applyCallStatusUpdate(deps.campaign, {
      callId: call.id,
      status: 'DIALING',
      event: 'dial:accepted',
      providerCallSid,
    });
    if (accepted.outcome !== 'applied') await deps.repository.recordProviderCallSid(call.id, providerCallSid);
    logger.info({ providerCallSid, outcome: accepted.outcome }, 'call placed');
    const ended = await awaitCallEnd(deps, subscription, logger);
    deps.metrics.timeToTerminal.observe({ status: ended.status }, (Date.now() - call.createdAt.getTime()) / 1000);
    return await finish(deps, ended, { ...run, logger });
  } finally {
    await subscription.close();
  }
}

async function waitAndFinish(deps: DialingDeps, call: Call, run: DialRun): Promise<DialLeadOutcome> {
  const subscription = await deps.watcher.watch(call.id);
  try {
    return await finish(deps, await awaitCallEnd(deps, subscription, run.logger), run);
  } finally {
    await subscription.close();
  }
}

/**
 * The call is over: its slot is free, so the user's campaigns held back by the tenant cap, then this
 * campaign, get their next leads; a failed call fails the job.
 */
async function finish(deps: DialingDeps, call: Call, run: DialRun): Promise<DialLeadOutcome> {
  const { queued } = await topUpAfterCallEnd(deps.campaign, call.campaignId!, call.userId);
  run.logger.info({ status: call.status, durationSeconds: call.durationSeconds, queued }, 'dial job finished');
  if (call.status === 'FAILED') throw new CallFailedError(call.id, call.failureReason ?? 'call failed');
  return { kind: 'ended', callId: call.id, status: call.status };
}

function gone(run: DialRun, what: string): DialLeadOutcome {
  run.logger.warn({ what }, 'dial target no longer exists; nothing to dial');
  return { kind: 'gone', what };
}

async function publishCallInitiated(deps: DialingDeps, call: Call, lead: Lead): Promise<void> {
  await deps.campaign.events.publish(call.userId, {
    type: EVENT_NAMES.callInitiated,
    payload: {
      callId: call.id,
      campaignId: call.campaignId,
      leadName: [lead.firstName, lead.lastName].filter(Boolean).join(' '),
      phone: call.toNumber,
      status: call.status,
      at: new Date().toISOString(),
    },
  });
}
