import type { TCampaignStats } from '@dialwave/contracts';

/**
 * The dashboard's sentence about leads the hopper holds back, e.g. "12 leads wait for their calling hours —
 * next at 09:00 Asia/Kolkata": the time in the zone the next lead waits in (its own calling hours), with the
 * weekday when that is not within the next day. Null when no lead waits.
 */
export function waitingSummary(
  stats: Pick<TCampaignStats, 'waitingLeads' | 'nextDialAt' | 'nextDialZone'>,
  now: Date = new Date(),
): string | null {
  if (stats.waitingLeads <= 0) return null;
  const leads = stats.waitingLeads === 1 ? '1 lead waits' : `${stats.waitingLeads} leads wait`;
  if (!stats.nextDialAt) return `${leads} for their calling hours or the daily call limit`;
  const at = new Date(stats.nextDialAt);
  const zone = stats.nextDialZone ?? undefined;
  const soon = at.getTime() - now.getTime() < 20 * 3600 * 1000;
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(soon ? {} : { weekday: 'short' }),
    ...(zone ? { timeZone: zone } : {}),
  }).format(at);
  return `${leads} for their calling hours — next at ${time}${zone ? ` ${zone}` : ''}`;
}

/** "3 leads have a retry pending", or null. */
export function retrySummary(stats: Pick<TCampaignStats, 'retryPendingLeads'>): string | null {
  if (stats.retryPendingLeads <= 0) return null;
  return stats.retryPendingLeads === 1 ? '1 lead has a retry pending' : `${stats.retryPendingLeads} leads have a retry pending`;
}
