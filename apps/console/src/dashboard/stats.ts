import type { TCampaignEvent, TCampaignWithStats } from '@dialwave/contracts';

/** Whole percent, rounded down, so a campaign shows 100% only once every lead is done. */
export function progressPercent(completed: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((completed * 100) / total));
}

export interface SuccessRate {
  successful: number;
  completed: number;
  /** Whole percent, rounded to nearest; null before any lead has finished. */
  percent: number | null;
}

/** Successful calls out of finished leads (18/23 → 78%), the same ratio the API reports as 0..1. */
export function successRate(successfulCalls: number, completedLeads: number): SuccessRate {
  return {
    successful: successfulCalls,
    completed: completedLeads,
    percent: completedLeads > 0 ? Math.round((successfulCalls * 100) / completedLeads) : null,
  };
}

/** 7 → "7s", 65.4 → "1m 05s", 3725 → "1h 02m 05s". */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  if (m > 0) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}

export interface DashboardNumbers {
  completed: number;
  total: number;
  progress: number;
  successRate: SuccessRate;
  successful: number;
  failed: number;
  missed: number;
  /** Talk seconds per successful call (only successful calls have talk time), as of the last REST read. */
  averageDurationSeconds: number;
}

/** Everything the dashboard's counters show, derived from one campaign snapshot. */
export function dashboardNumbers(campaign: TCampaignWithStats): DashboardNumbers {
  const { completedLeads, totalLeads, successfulCalls, failedCalls, missedCalls } = campaign.stats;
  return {
    completed: completedLeads,
    total: totalLeads,
    progress: progressPercent(completedLeads, totalLeads),
    successRate: successRate(successfulCalls, completedLeads),
    successful: successfulCalls,
    failed: failedCalls,
    missed: missedCalls,
    averageDurationSeconds: campaign.stats.averageDuration,
  };
}

/**
 * Applies a `campaign:*` event to the campaign as last read over REST. The event carries the counters
 * but not the talk time, so averageDuration and activeCalls keep their REST values until the next read.
 * An event older than what the cache holds (fewer finished leads) is ignored: counters never go down.
 */
export function applyCampaignEvent(campaign: TCampaignWithStats, event: TCampaignEvent): TCampaignWithStats {
  if (event.campaignId !== campaign.id || event.completedLeads < campaign.completedLeads) return campaign;
  const { status, totalLeads, completedLeads, successfulCalls, failedCalls, missedCalls, voicemailCalls, skippedLeads } = event;
  return {
    ...campaign,
    status,
    totalLeads,
    completedLeads,
    successfulCalls,
    failedCalls,
    missedCalls,
    voicemailCalls,
    skippedLeads,
    stats: {
      ...campaign.stats,
      totalLeads,
      completedLeads,
      successfulCalls,
      failedCalls,
      missedCalls,
      voicemailCalls,
      skippedLeads,
      successRate: completedLeads > 0 ? Math.round((successfulCalls / completedLeads) * 10_000) / 10_000 : 0,
    },
  };
}
