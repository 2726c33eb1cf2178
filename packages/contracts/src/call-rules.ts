import { TERMINAL_CALL_STATUSES, type TCallStatus } from './enums';

/*
 * The call state machine's ranks and the campaign counting rule. They live here, beside the enums, because
 * both the services and the console apply them: the console's live view must agree with the counters.
 */

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

export type CallOutcome = 'successful' | 'voicemail' | 'missed' | 'failed';

/** Twilio `AnsweredBy` words that mean a machine (or fax) took the call, not a person. */
export function isMachineAnsweredBy(answeredBy: string | null | undefined): boolean {
  return typeof answeredBy === 'string' && (answeredBy.startsWith('machine') || answeredBy === 'fax');
}

/**
 * How a terminal call counts on its campaign: a completed call answered by a machine is a voicemail; one
 * answered by a person only counts as successful when someone talked (the carrier reported a duration above
 * zero).
 */
export function classifyCallOutcome(
  status: TCallStatus,
  durationSeconds: number | null | undefined,
  answeredBy?: string | null,
): CallOutcome {
  switch (status) {
    case 'COMPLETED':
      if (isMachineAnsweredBy(answeredBy)) return 'voicemail';
      return (durationSeconds ?? 0) > 0 ? 'successful' : 'missed';
    case 'MISSED':
    case 'BUSY':
      return 'missed';
    case 'FAILED':
    case 'CANCELED':
      return 'failed';
    default:
      throw new Error(`classifyCallOutcome called with non-terminal status ${status}`);
  }
}
