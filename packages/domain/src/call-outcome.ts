import type { TCallStatus } from '@dialwave/contracts';

export type CallOutcome = 'successful' | 'missed' | 'failed';

/**
 * How a terminal call counts on its campaign: a completed call only counts as successful when someone
 * talked (the carrier reported a duration above zero).
 */
export function classifyCallOutcome(status: TCallStatus, durationSeconds: number | null | undefined): CallOutcome {
  switch (status) {
    case 'COMPLETED':
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
