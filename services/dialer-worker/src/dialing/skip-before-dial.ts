import type { Call } from '@dialwave/db';
import { applyCallStatusUpdate } from '@dialwave/domain';
import type { DialingDeps, DialRun } from './dialing-deps';
import type { GateRefusal } from './gate/pre-dial-gate';

/** CallLog event of a call the pre-dial gate stopped for good (the lead is SKIPPED). */
export const DIAL_SKIPPED_EVENT = 'dial:skipped';
/** CallLog event of a call the pre-dial gate put off (the lead waits for its window or the daily cap). */
export const DIAL_DEFERRED_EVENT = 'dial:deferred';

/**
 * Ends a call the pre-dial gate refused, without a request ever reaching the carrier. The call goes to
 * CANCELED through the one status statement, with `failureReason` "not dialed: …" and a CallLog line, so
 * the reason shows on the campaign's calls and logs. The same statement settles the lead: a skip (do-not-call,
 * destination policy) ends it SKIPPED and counts it in skippedLeads, so the campaign still completes; a
 * deferral puts it back to PENDING until its window opens or its number has room under the daily cap.
 */
export async function holdCallBeforeDial(deps: DialingDeps, call: Call, refusal: GateRefusal, run: DialRun): Promise<Call> {
  const skip = refusal.hold.kind === 'skip';
  const result = await applyCallStatusUpdate(deps.campaign, {
    callId: call.id,
    status: 'CANCELED',
    event: skip ? DIAL_SKIPPED_EVENT : DIAL_DEFERRED_EVENT,
    sequence: 0,
    failureReason: `not dialed: ${refusal.message}`,
    details: `not dialed (${refusal.hold.reason}): ${refusal.message}`,
    hold: refusal.hold,
  });
  deps.metrics.dialsSkipped.inc({ reason: refusal.hold.reason });
  run.logger[skip ? 'warn' : 'info'](
    { reason: refusal.hold.reason, toNumber: call.toNumber, outcome: result.outcome, leadFate: result.leadFate },
    skip ? 'call not dialed: refused by the pre-dial gate' : 'call not dialed yet: the lead waits',
  );
  return result.call ?? (await deps.repository.findCall(call.id));
}
