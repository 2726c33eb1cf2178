import { CALL_STATUS_RANK, isTerminalCallStatus, type TCallStatus, type TCampaignStatus } from '@dialwave/contracts';

export { isTerminalCallStatus };

/** The server's state-machine rank (contracts): a call only ever moves up. */
export function callStatusRank(status: TCallStatus): number {
  return CALL_STATUS_RANK[status];
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
  SCHEDULED: 'neutral',
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
