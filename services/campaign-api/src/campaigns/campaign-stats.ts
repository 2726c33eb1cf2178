import type { TCampaignStats } from '@dialwave/contracts';

export interface CampaignCounters {
  totalLeads: number;
  completedLeads: number;
  successfulCalls: number;
  failedCalls: number;
  missedCalls: number;
  totalTalkSeconds: number;
}

/**
 * averageDuration is talk time per successful call (the only calls with talk time); successRate is the
 * fraction of finished leads whose call succeeded, 0..1 to four places, 0 while none has finished.
 */
export function computeCampaignStats(counters: CampaignCounters, activeCalls: number): Omit<TCampaignStats, 'analysis'> {
  const { totalLeads, completedLeads, successfulCalls, failedCalls, missedCalls, totalTalkSeconds } = counters;
  return {
    totalLeads,
    completedLeads,
    successfulCalls,
    failedCalls,
    missedCalls,
    averageDuration: successfulCalls > 0 ? totalTalkSeconds / successfulCalls : 0,
    successRate: completedLeads > 0 ? round(successfulCalls / completedLeads, 4) : 0,
    activeCalls,
  };
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
