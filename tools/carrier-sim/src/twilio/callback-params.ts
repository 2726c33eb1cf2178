import type { SimCall } from '../calls/sim-call';
import { isTerminalStatus } from '../calls/sim-call';
import { API_VERSION } from './call-resource';
import { toRfc2822 } from './twilio-date';

/**
 * The form fields of a call-progress callback for the call's current status. `SequenceNumber` is added by
 * the sender, because only it knows whether the callback is actually sent.
 */
export function buildCallbackParams(call: SimCall, now: Date): Record<string, string> {
  const params: Record<string, string> = {
    CallSid: call.sid,
    AccountSid: call.accountSid,
    From: call.from,
    To: call.to,
    Direction: call.direction,
    ApiVersion: API_VERSION,
    CallStatus: call.status,
    Timestamp: toRfc2822(now),
    CallbackSource: 'call-progress-events',
  };
  if (call.direction === 'inbound') {
    params.Caller = call.from;
    params.Called = call.to;
  }
  const answeredOrAfter = call.status === 'in-progress' || isTerminalStatus(call.status);
  if (call.machineDetection && call.answeredBy && answeredOrAfter) params.AnsweredBy = call.answeredBy;
  if (isTerminalStatus(call.status)) {
    const seconds = call.durationSeconds ?? 0;
    params.CallDuration = String(seconds);
    // Twilio's `Duration` is billable minutes, rounded up.
    params.Duration = String(Math.ceil(seconds / 60));
  }
  return params;
}
