import { TERMINAL_CALL_STATUSES, type TCallStatus, type TCampaignStatus } from '@dialwave/contracts';

const terminal: ReadonlySet<TCallStatus> = new Set(TERMINAL_CALL_STATUSES);

export function isTerminalCallStatus(status: TCallStatus): boolean {
  return terminal.has(status);
}

/** Same ranks as the server's state machine: a call only ever moves up. */
const RANK: Record<TCallStatus, number> = {
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

export function callStatusRank(status: TCallStatus): number {
  return RANK[status];
}

/** One colour family per meaning, used by every badge, row and chart in the console. */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

const CALL_TONE: Record<TCallStatus, Tone> = {
  INITIATED: 'neutral',
  DIALING: 'neutral',
  RINGING: 'neutral',
  ANSWERED: 'info',
  COMPLETED: 'success',
  MISSED: 'warning',
  BUSY: 'warning',
  FAILED: 'danger',
  CANCELED: 'danger',
};

const CAMPAIGN_TONE: Record<TCampaignStatus, Tone> = {
  PENDING: 'neutral',
  RUNNING: 'info',
  PAUSED: 'warning',
  COMPLETED: 'success',
  CANCELED: 'danger',
  FAILED: 'danger',
};

export function callStatusTone(status: TCallStatus): Tone {
  return CALL_TONE[status];
}

export function campaignStatusTone(status: TCampaignStatus): Tone {
  return CAMPAIGN_TONE[status];
}
