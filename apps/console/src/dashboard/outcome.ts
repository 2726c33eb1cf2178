import type { TCallStatus } from '@dialwave/contracts';

export type CallOutcome = 'successful' | 'missed' | 'failed';

/**
 * The console's copy of the server's counting rule (ARCHITECTURE.md, "Campaign counters"): successful is
 * COMPLETED with talk time; an unanswered COMPLETED counts as missed. Null while the call is still live.
 */
export function classifyOutcome(status: TCallStatus, durationSeconds: number | null): CallOutcome | null {
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
      return null;
  }
}
