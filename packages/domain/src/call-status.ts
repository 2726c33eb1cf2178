import { TERMINAL_CALL_STATUSES, type TCallStatus } from '@dialwave/contracts';

/**
 * Ranks of the call state machine. A status may only move to a higher rank, and the terminal statuses
 * share the top rank, so a terminal status never changes and late callbacks cannot move a call backwards.
 */
export const CALL_STATUS_RANK: Record<TCallStatus, number> = {
  INITIATED: 0,
  DIALING: 1,
  RINGING: 2,
  ANSWERED: 3,
  COMPLETED: 4,
  BUSY: 4,
  MISSED: 4,
  FAILED: 4,
  CANCELED: 4,
};

export function isTerminalCallStatus(status: TCallStatus): boolean {
  return (TERMINAL_CALL_STATUSES as readonly TCallStatus[]).includes(status);
}

/** Whether a call in `from` may move to `to`: the one rule every status writer goes through. */
export function canAdvanceCallStatus(from: TCallStatus, to: TCallStatus): boolean {
  return CALL_STATUS_RANK[to] > CALL_STATUS_RANK[from];
}

/** Statuses a call may be in for `to` to be applied (used as a conditional update's guard). */
export function statusesBelow(to: TCallStatus): TCallStatus[] {
  return (Object.keys(CALL_STATUS_RANK) as TCallStatus[]).filter((from) => canAdvanceCallStatus(from, to));
}

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
