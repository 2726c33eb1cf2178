import type { TCallStatus } from '@dialwave/contracts';

// The ranks are shared with the console, so they live in contracts.
export { CALL_STATUS_RANK, canAdvanceCallStatus, isTerminalCallStatus, statusesBelow } from '@dialwave/contracts';

const TWILIO_STATUS_MAP: Record<string, TCallStatus> = {
  queued: 'DIALING',
  initiated: 'DIALING',
  ringing: 'RINGING',
  'in-progress': 'ANSWERED',
  completed: 'COMPLETED',
  busy: 'BUSY',
  'no-answer': 'MISSED',
  failed: 'FAILED',
  canceled: 'CANCELED',
};

/** Twilio `CallStatus` → our status; undefined for a word Twilio does not document. */
export function mapTwilioCallStatus(twilioStatus: string): TCallStatus | undefined {
  return TWILIO_STATUS_MAP[twilioStatus.trim().toLowerCase()];
}
