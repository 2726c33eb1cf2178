import type { TCampaign, TCampaignStats } from '@dialwave/contracts';

/** A campaign's dialing settings as the API shows one created with the defaults (any hour, one attempt). */
export const DEFAULT_DIALING_SETTINGS: Pick<TCampaign, 'schedule' | 'retry' | 'answeringMachine' | 'voicemailCalls' | 'skippedLeads'> = {
  voicemailCalls: 0,
  skippedLeads: 0,
  schedule: { startAt: null, timezone: null, windows: null },
  retry: { maxAttempts: 1, delaySeconds: 3600, on: ['BUSY', 'MISSED'] },
  answeringMachine: { action: 'continue', message: null },
};

/** Stats of a campaign whose leads wait for nothing. */
export const NO_WAIT_STATS: Pick<
  TCampaignStats,
  'voicemailCalls' | 'waitingLeads' | 'retryPendingLeads' | 'skippedLeads' | 'nextDialAt' | 'nextDialZone'
> = {
  voicemailCalls: 0,
  waitingLeads: 0,
  retryPendingLeads: 0,
  skippedLeads: 0,
  nextDialAt: null,
  nextDialZone: null,
};
