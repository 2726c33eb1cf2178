import { QueryClient } from '@tanstack/react-query';
import type { TCampaign, TCampaignWithStats, TCallStatusEvent, TPage } from '@dialwave/contracts';
import { queryKeys } from '../api/query-keys';
import type { LogEntry } from '../dashboard/call-log';
import type { LiveCall } from '../dashboard/live-calls';
import type { OutcomePoint } from '../dashboard/outcome-series';
import { applyCallInitiatedToCache, applyCallStatusToCache, applyCampaignEventToCache, type CampaignRefresher } from './apply-event';
import { NO_ANALYSIS } from '../test-support/analysis-fixtures';
import { DEFAULT_DIALING_SETTINGS, NO_WAIT_STATS } from '../test-support/dialing-fixtures';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

function campaignRow(): TCampaignWithStats {
  const counters = { totalLeads: 10, completedLeads: 2, successfulCalls: 1, failedCalls: 0, missedCalls: 1 };
  return {
    id: 'c1',
    name: 'Spring',
    agentId: 'a1',
    status: 'RUNNING',
    maxConcurrentCalls: 2,
    totalTalkSeconds: 4,
    createdAt: at(0),
    startedAt: at(0),
    completedAt: null,
    ...counters,
    ...DEFAULT_DIALING_SETTINGS,
    stats: { ...counters, averageDuration: 4, successRate: 0.5, activeCalls: 2, analysis: NO_ANALYSIS, ...NO_WAIT_STATS },
  };
}

function setup() {
  const queryClient = new QueryClient();
  const scheduled: string[] = [];
  const refresher: CampaignRefresher = { schedule: (id) => scheduled.push(id), dispose: () => {} };
  queryClient.setQueryData(queryKeys.campaign('c1'), campaignRow());
  queryClient.setQueryData<TPage<TCampaign>>(queryKeys.campaigns, { items: [campaignRow()], nextCursor: null });
  queryClient.setQueryData<LiveCall[]>(queryKeys.liveCalls('c1'), []);
  queryClient.setQueryData<LogEntry[]>(queryKeys.callLog('c1'), []);
  queryClient.setQueryData<OutcomePoint[]>(queryKeys.outcomes('c1'), []);
  return { queryClient, refresher, scheduled };
}

const callEvent = (status: TCallStatusEvent['status'], s: number, durationSeconds: number | null = null): TCallStatusEvent => ({
  callId: 'k1',
  campaignId: 'c1',
  leadName: 'Ada',
  phone: '+15550100',
  status,
  durationSeconds,
  at: at(s),
});

describe('socket events applied to the react-query cache', () => {
  it('a campaign event moves the dashboard and list counters and schedules a re-read', () => {
    const { queryClient, refresher, scheduled } = setup();
    applyCampaignEventToCache(queryClient, refresher, {
      campaignId: 'c1',
      status: 'RUNNING',
      totalLeads: 10,
      completedLeads: 3,
      successfulCalls: 2,
      failedCalls: 0,
      missedCalls: 1,
      voicemailCalls: 0,
      skippedLeads: 0,
      at: at(9),
    });
    expect(queryClient.getQueryData<TCampaignWithStats>(queryKeys.campaign('c1'))?.stats).toMatchObject({
      completedLeads: 3,
      successfulCalls: 2,
    });
    expect(queryClient.getQueryData<TPage<TCampaign>>(queryKeys.campaigns)?.items[0]?.completedLeads).toBe(3);
    expect(scheduled).toEqual(['c1']);
  });

  it('a call lives in the live list from initiated until it ends, and its end is logged and charted', () => {
    const { queryClient, refresher, scheduled } = setup();
    applyCallInitiatedToCache(queryClient, {
      callId: 'k1',
      campaignId: 'c1',
      leadName: 'Ada',
      phone: '+15550100',
      status: 'INITIATED',
      at: at(1),
    });
    applyCallStatusToCache(queryClient, refresher, callEvent('ANSWERED', 2));
    expect(queryClient.getQueryData<LiveCall[]>(queryKeys.liveCalls('c1'))).toEqual([
      { callId: 'k1', leadName: 'Ada', phone: '+15550100', status: 'ANSWERED', startedAt: at(1) },
    ]);
    expect(scheduled).toEqual([]);

    applyCallStatusToCache(queryClient, refresher, callEvent('COMPLETED', 6, 4));
    expect(queryClient.getQueryData<LiveCall[]>(queryKeys.liveCalls('c1'))).toEqual([]);
    expect(queryClient.getQueryData<LogEntry[]>(queryKeys.callLog('c1'))?.map((e) => e.status)).toEqual(['COMPLETED', 'ANSWERED']);
    expect(queryClient.getQueryData<OutcomePoint[]>(queryKeys.outcomes('c1'))).toEqual([
      { callId: 'k1', at: at(6), outcome: 'successful' },
    ]);
    expect(scheduled).toEqual(['c1']);
  });

  it('leaves caches nobody has loaded empty', () => {
    const queryClient = new QueryClient();
    applyCallStatusToCache(queryClient, { schedule: () => {}, dispose: () => {} }, callEvent('RINGING', 1));
    expect(queryClient.getQueryData(queryKeys.liveCalls('c1'))).toBeUndefined();
  });
});
