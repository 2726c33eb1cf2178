import type { Call } from '@dialwave/db';
import { applyCallStatusUpdate } from '@dialwave/domain';
import type { DialingDeps, DialRun } from './dialing-deps';

/** CallLog event of a call the pre-dial gate stopped. */
export const DIAL_SKIPPED_EVENT = 'dial:skipped';

export interface PreDialRefusal {
  /** A stable word for metrics and logs, e.g. `premium-rate`. */
  reason: string;
  /** For a person: what was refused and why. */
  message: string;
}

/**
 * Ends a call the pre-dial gate refused, without a request ever reaching the carrier. The call goes to
 * CANCELED through the one status statement, with `failureReason` "not dialed: …" and a `dial:skipped`
 * CallLog, so the reason shows on the campaign's calls and logs, and the lead is counted finished (as a
 * failed call, the counting rule for CANCELED) so the campaign still completes. The campaign lead is then
 * marked SKIPPED, as the leads a cancel never dialed are.
 */
export async function skipCallBeforeDial(deps: DialingDeps, call: Call, refusal: PreDialRefusal, run: DialRun): Promise<Call> {
  const result = await applyCallStatusUpdate(deps.campaign, {
    callId: call.id,
    status: 'CANCELED',
    event: DIAL_SKIPPED_EVENT,
    sequence: 0,
    failureReason: `not dialed: ${refusal.message}`,
    details: `not dialed (${refusal.reason}): ${refusal.message}`,
  });
  await deps.repository.markLeadSkipped(call);
  deps.metrics.dialsSkipped.inc({ reason: refusal.reason });
  run.logger.warn({ reason: refusal.reason, toNumber: call.toNumber, outcome: result.outcome }, 'call not dialed: refused by the pre-dial gate');
  return result.call ?? (await deps.repository.findCall(call.id));
}
