import type { QueryClient } from '@tanstack/react-query';
import type {
  TCallAnalyzedEvent,
  TCampaign,
  TCampaignEvent,
  TCampaignWithStats,
  TCallInitiatedEvent,
  TCallStatusEvent,
  TPage,
} from '@dialwave/contracts';
import { queryKeys } from '../api/query-keys';
import { addLogEntry, logEntryFromAnalysis, logEntryFromEvent, type LogEntry } from '../dashboard/call-log';
import { isTerminalCallStatus } from '../dashboard/call-status';
import { applyLiveCallEvent, type LiveCall } from '../dashboard/live-calls';
import { addOutcomePoint, outcomePointFromEvent, type OutcomePoint } from '../dashboard/outcome-series';
import { applyCampaignEvent } from '../dashboard/stats';

/** Re-reads a campaign shortly after a burst of events, for what events do not carry (talk time, live count). */
export interface CampaignRefresher {
  schedule(campaignId: string): void;
  dispose(): void;
}

export function createCampaignRefresher(queryClient: QueryClient, delayMs = 750): CampaignRefresher {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    schedule(campaignId) {
      if (timers.has(campaignId)) return;
      timers.set(
        campaignId,
        setTimeout(() => {
          timers.delete(campaignId);
          void queryClient.invalidateQueries({ queryKey: queryKeys.campaign(campaignId), exact: true });
        }, delayMs),
      );
    },
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

/**
 * Socket events patch the caches the pages already hold; a cache nobody has loaded stays empty (the
 * page reads REST when it mounts, then follows the events).
 */
export function applyCampaignEventToCache(queryClient: QueryClient, refresher: CampaignRefresher, event: TCampaignEvent): void {
  queryClient.setQueryData<TCampaignWithStats>(queryKeys.campaign(event.campaignId), (campaign) =>
    campaign ? applyCampaignEvent(campaign, event) : campaign,
  );
  queryClient.setQueryData<TPage<TCampaign>>(queryKeys.campaigns, (page) =>
    page ? { ...page, items: page.items.map((c) => (c.id === event.campaignId ? patchListedCampaign(c, event) : c)) } : page,
  );
  if (!queryClient.getQueryData<TPage<TCampaign>>(queryKeys.campaigns)?.items.some((c) => c.id === event.campaignId)) {
    // A campaign started elsewhere (another tab, the API): the list has to learn it exists.
    void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns, exact: true });
  }
  refresher.schedule(event.campaignId);
}

function patchListedCampaign(campaign: TCampaign, event: TCampaignEvent): TCampaign {
  if (event.completedLeads < campaign.completedLeads) return campaign;
  const { status, totalLeads, completedLeads, successfulCalls, failedCalls, missedCalls } = event;
  return { ...campaign, status, totalLeads, completedLeads, successfulCalls, failedCalls, missedCalls };
}

export function applyCallInitiatedToCache(queryClient: QueryClient, event: TCallInitiatedEvent): void {
  if (!event.campaignId) return;
  queryClient.setQueryData<LiveCall[]>(queryKeys.liveCalls(event.campaignId), (calls) =>
    calls ? applyLiveCallEvent(calls, event) : calls,
  );
}

export function applyCallStatusToCache(queryClient: QueryClient, refresher: CampaignRefresher, event: TCallStatusEvent): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.call(event.callId), exact: true });
  const campaignId = event.campaignId;
  if (!campaignId) return;
  queryClient.setQueryData<LiveCall[]>(queryKeys.liveCalls(campaignId), (calls) => (calls ? applyLiveCallEvent(calls, event) : calls));
  queryClient.setQueryData<LogEntry[]>(queryKeys.callLog(campaignId), (log) => (log ? addLogEntry(log, logEntryFromEvent(event)) : log));
  const point = outcomePointFromEvent(event);
  if (point) {
    queryClient.setQueryData<OutcomePoint[]>(queryKeys.outcomes(campaignId), (points) =>
      points ? addOutcomePoint(points, point) : points,
    );
  }
  if (isTerminalCallStatus(event.status)) refresher.schedule(campaignId);
}

/** A call's report arrived: its pages re-read it, the live log says "analysed: …", the campaign's figures refresh. */
export function applyCallAnalyzedToCache(queryClient: QueryClient, refresher: CampaignRefresher, event: TCallAnalyzedEvent): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.call(event.callId), exact: true });
  if (event.leadId) void queryClient.invalidateQueries({ queryKey: queryKeys.lead(event.leadId), exact: true });
  void queryClient.invalidateQueries({ queryKey: queryKeys.allLeads });
  if (!event.campaignId) return;
  queryClient.setQueryData<LogEntry[]>(queryKeys.callLog(event.campaignId), (log) =>
    log ? addLogEntry(log, logEntryFromAnalysis(event)) : log,
  );
  refresher.schedule(event.campaignId);
}
