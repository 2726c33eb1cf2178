import type { TCampaignStats } from '@dialwave/contracts';

export interface CampaignCounters {
  totalLeads: number;
  completedLeads: number;
  successfulCalls: number;
  failedCalls: number;
  missedCalls: number;
  voicemailCalls: number;
  skippedLeads: number;
  totalTalkSeconds: number;
}

/** What the hopper's PENDING leads wait for (read from CampaignLead, see CampaignRepository.leadWaits). */
export interface LeadWaits {
  waitingLeads: number;
  retryPendingLeads: number;
  nextDialAt: Date | null;
  nextDialZone: string | null;
}

export const NO_WAITS: LeadWaits = { waitingLeads: 0, retryPendingLeads: 0, nextDialAt: null, nextDialZone: null };

/**
 * averageDuration is talk time per successful call (the only calls with talk time); successRate is the
 * fraction of finished leads whose call succeeded, 0..1 to four places, 0 while none has finished.
 */
export function computeCampaignStats(
  counters: CampaignCounters,
  activeCalls: number,
  waits: LeadWaits = NO_WAITS,
): Omit<TCampaignStats, 'analysis'> {
  const { totalLeads, completedLeads, successfulCalls, failedCalls, missedCalls, voicemailCalls, skippedLeads, totalTalkSeconds } =
    counters;
  return {
    totalLeads,
    completedLeads,
    successfulCalls,
    failedCalls,
    missedCalls,
    voicemailCalls,
    averageDuration: successfulCalls > 0 ? totalTalkSeconds / successfulCalls : 0,
    successRate: completedLeads > 0 ? round(successfulCalls / completedLeads, 4) : 0,
    activeCalls,
    waitingLeads: waits.waitingLeads,
    retryPendingLeads: waits.retryPendingLeads,
    skippedLeads,
    nextDialAt: waits.nextDialAt?.toISOString() ?? null,
    nextDialZone: waits.nextDialZone,
  };
}

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
