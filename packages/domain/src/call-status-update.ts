import { EVENT_NAMES, type TTraceContext } from '@dialwave/contracts';
import type { Call, Campaign } from '@dialwave/db';
import { isTerminalCallStatus } from './call-status';
import { runCallStatusStatement, type CallStatusStatementResult, type LeadFate } from './call-status-statement';
import { publishCampaignEvent } from './campaign-events';
import type { CallStatusUpdate } from './call-status-update-input';
import type { CallStatusDeps } from './deps';
import type { EventPublisher } from './ports';

export type { CallStatusUpdate };

export type CallStatusUpdateOutcome =
  /** The status moved forward. */
  | 'applied'
  /** The same event was delivered before; nothing changed. */
  | 'duplicate'
  /** Late or out of order (not above the current rank, or the call already ended): logged, not applied. */
  | 'stale'
  | 'unknown-call';

export interface CallStatusUpdateResult {
  outcome: CallStatusUpdateOutcome;
  call?: Call;
  campaign?: Campaign;
  campaignCompleted: boolean;
  /** What the call's end did to its campaign lead (final, retry, defer, skip), when it was the current call. */
  leadFate?: LeadFate;
}

/**
 * The one writer of call status. In a single SQL statement (runCallStatusStatement, atomic on its own) it
 * records the event (idempotent on callId + event + sequence), advances the status only upwards, and, when
 * the call ends, moves its campaign's counters exactly once and completes the campaign exactly once.
 * Events are published after the commit, so a console never sees a state the database does not hold.
 */
export async function applyCallStatusUpdate(deps: CallStatusDeps, update: CallStatusUpdate): Promise<CallStatusUpdateResult> {
  return settleCallStatusWrite(deps, update, await runCallStatusStatement(deps.prisma, update));
}

/**
 * What follows a committed run of the status statement, for one update or each of a batch
 * (applyCallStatusBatch): the outcome, its log line, and the events, published only now that the change
 * is committed.
 */
export async function settleCallStatusWrite(
  deps: CallStatusDeps,
  update: CallStatusUpdate,
  written: CallStatusStatementResult,
): Promise<CallStatusUpdateResult> {
  if (!written.found) {
    deps.logger.warn({ callId: update.callId, event: update.event }, 'status update for an unknown call');
    return { outcome: 'unknown-call', campaignCompleted: false };
  }
  const call = written.call!;
  const outcome: CallStatusUpdateOutcome = !written.logged ? 'duplicate' : written.applied ? 'applied' : 'stale';
  const result: CallStatusUpdateResult = {
    outcome,
    call,
    ...(written.campaign ? { campaign: written.campaign } : {}),
    campaignCompleted: written.campaignCompleted,
    ...(written.leadFate ? { leadFate: written.leadFate } : {}),
  };
  // One line per callback, with its context inline: child loggers per call cost more than the line itself.
  const context = { callId: update.callId, event: update.event, ...(call.campaignId ? { campaignId: call.campaignId } : {}) };
  if (outcome !== 'applied') {
    deps.logger.info(
      { ...context, outcome, status: update.status, current: call.status, sequence: update.sequence },
      'status update not applied',
    );
    return result;
  }
  deps.logger.info(
    { ...context, status: call.status, durationSeconds: call.durationSeconds, leadFate: written.leadFate },
    'call status changed',
  );
  if (result.campaignCompleted) deps.logger.info(context, 'campaign completed');
  try {
    await publishAfterCommit(update.trace ? { ...deps, events: publishingIn(deps.events, update.trace) } : deps, result, written.leadName);
  } catch (err) {
    // The change is committed; a redelivered callback would be a duplicate and publish nothing, so failing
    // the request would not help. Consoles refetch on reconnect, and a dialer job that misses the call-ended
    // signal reconciles at its deadline.
    deps.logger.error({ ...context, err }, 'failed to publish events for a committed status change');
  }
  return result;
}

/**
 * The publishes are issued together: one connection sends them in this order (call-ended first, since the
 * dialer job waiting on it frees the campaign's slot for the next lead) and we wait one round trip, not three.
 */
async function publishAfterCommit(deps: CallStatusDeps, result: CallStatusUpdateResult, leadName: string | undefined): Promise<void> {
  const call = result.call!;
  const publishes: Promise<void>[] = [];
  if (isTerminalCallStatus(call.status)) {
    publishes.push(
      deps.events.publishCallEnded({
        callId: call.id,
        status: call.status,
        failureReason: call.failureReason,
        durationSeconds: call.durationSeconds,
      }),
    );
  }
  publishes.push(
    deps.events.publish(call.userId, {
      type: EVENT_NAMES.callStatusUpdated,
      payload: {
        callId: call.id,
        campaignId: call.campaignId,
        leadName: leadName ?? 'Unknown caller',
        phone: call.direction === 'OUTBOUND' ? call.toNumber : call.fromNumber,
        status: call.status,
        durationSeconds: call.durationSeconds,
        ...(call.answeredBy ? { answeredBy: call.answeredBy } : {}),
        at: new Date().toISOString(),
      },
    }),
  );
  if (result.campaign) {
    publishes.push(
      publishCampaignEvent(
        deps.events,
        result.campaignCompleted ? EVENT_NAMES.campaignCompleted : EVENT_NAMES.campaignProgress,
        result.campaign,
      ),
    );
  }
  await Promise.all(publishes);
}

/** An update that carries a trace (a callback applied in its call's trace) publishes its events in that trace. */
function publishingIn(events: EventPublisher, trace: TTraceContext): EventPublisher {
  return {
    publish: (userId, message) => events.publish(userId, { ...message, trace }),
    publishCallEnded: (message) => events.publishCallEnded(message),
  };
}
