import type { TCall } from '@dialwave/contracts';
import { isTerminalCallStatus } from '../dashboard/call-status';
import { elapsedSeconds } from '../dashboard/live-calls';

/** The call this console accepted, as known the moment Accept succeeded. */
export interface AcceptedCall {
  callId: string;
  callerName: string;
  phoneNumber: string;
  acceptedAt: string;
}

export type CurrentCallPhase = 'live' | 'ended';

type CallRow = Pick<TCall, 'status' | 'answeredAt' | 'durationSeconds'>;

/** Until the call row is read, an accepted call is live: Accept only succeeds on a call that is. */
export function currentCallPhase(call: CallRow | undefined): CurrentCallPhase {
  return call && isTerminalCallStatus(call.status) ? 'ended' : 'live';
}

/**
 * Seconds on the call. While live, counted from the accept, or from the answer if that came later: the
 * carrier answers an inbound call when it parks the caller in the queue, long before anyone talks. Once
 * ended, the provider's duration, which is what billing and reports use.
 */
export function talkSeconds(accepted: AcceptedCall, call: CallRow | undefined, now: number): number {
  if (call && currentCallPhase(call) === 'ended' && call.durationSeconds !== null) return call.durationSeconds;
  const answeredAt = call?.answeredAt ? Date.parse(call.answeredAt) : Number.NEGATIVE_INFINITY;
  const from = Math.max(Date.parse(accepted.acceptedAt), answeredAt);
  return elapsedSeconds(new Date(from).toISOString(), now);
}
