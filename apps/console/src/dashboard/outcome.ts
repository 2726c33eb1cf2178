import { classifyCallOutcome, isTerminalCallStatus, type CallOutcome, type TCallStatus } from '@dialwave/contracts';

export type { CallOutcome };

/** The server's counting rule (contracts), or null while the call is still live. */
export function classifyOutcome(status: TCallStatus, durationSeconds: number | null, answeredBy?: string | null): CallOutcome | null {
  return isTerminalCallStatus(status) ? classifyCallOutcome(status, durationSeconds, answeredBy) : null;
}
