import type { TCallStatus } from '@dialwave/contracts';

export interface SansPbxDispositionInput {
  disposition: string;
  /** Talk seconds. */
  billsec?: number;
  cause_txt?: string;
}

export interface SansPbxOutcome {
  status: TCallStatus;
  durationSeconds: number;
  failureReason?: string;
  /** The disposition word, normalised: upper case, without spaces or underscores. */
  word: string;
  /** A word outside the known table: the caller should log the raw payload as a warning. */
  unknown: boolean;
}

const STATUS_BY_WORD: Record<string, TCallStatus> = {
  ANSWER: 'COMPLETED',
  ANSWERED: 'COMPLETED',
  NOANSWER: 'MISSED',
  BUSY: 'BUSY',
  FAILED: 'FAILED',
  CONGESTION: 'FAILED',
  CHANUNAVAIL: 'FAILED',
  CANCEL: 'CANCELED',
  CANCELLED: 'CANCELED',
  CANCELED: 'CANCELED',
};

export function normaliseSansPbxDisposition(disposition: string): string {
  return disposition.toUpperCase().replace(/[\s_]+/g, '');
}

/**
 * SansPBX's one end-of-call `disposition` word in our state machine (shared/providers/SANSPBX.md). Talk
 * time is `billsec`, never `duration` (which includes ringing); an answered call with billsec 0 stays
 * COMPLETED and the counter rules count it as missed.
 */
export function mapSansPbxDisposition(payload: SansPbxDispositionInput): SansPbxOutcome {
  const word = normaliseSansPbxDisposition(payload.disposition);
  const status = STATUS_BY_WORD[word];
  const durationSeconds = status === 'COMPLETED' ? Math.max(0, Math.trunc(payload.billsec ?? 0)) : 0;
  if (!status) return { status: 'FAILED', durationSeconds: 0, failureReason: `unknown disposition ${word}`, word, unknown: true };
  const reason = payload.cause_txt?.trim();
  return { status, durationSeconds, word, unknown: false, ...(status === 'FAILED' && reason ? { failureReason: reason } : {}) };
}
