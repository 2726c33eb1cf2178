import type { TCampaignEvent, TCampaignWithStats } from '@dialwave/contracts';
import { NO_ANALYSIS } from '../test-support/analysis-fixtures';
import { DEFAULT_DIALING_SETTINGS, NO_WAIT_STATS } from '../test-support/dialing-fixtures';
import { applyCampaignEvent, dashboardNumbers, formatDuration, progressPercent, successRate } from './stats';

function campaign(overrides: Partial<TCampaignWithStats['stats']> = {}): TCampaignWithStats {
  const stats = {
    totalLeads: 40,
    completedLeads: 23,
    successfulCalls: 18,
    failedCalls: 2,
    missedCalls: 3,
    averageDuration: 4.5,
    successRate: 0.7826,
    activeCalls: 5,
    analysis: NO_ANALYSIS,
    ...NO_WAIT_STATS,
    ...overrides,
  };
  return {
    id: 'c1',
    name: 'Spring',
    agentId: 'a1',
    status: 'RUNNING',
    maxConcurrentCalls: 5,
    totalLeads: stats.totalLeads,
    completedLeads: stats.completedLeads,
    successfulCalls: stats.successfulCalls,
    failedCalls: stats.failedCalls,
    missedCalls: stats.missedCalls,
    totalTalkSeconds: 81,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: '2026-01-01T00:00:00.000Z',
    completedAt: null,
    ...DEFAULT_DIALING_SETTINGS,
    stats,
  };
}

function event(overrides: Partial<TCampaignEvent> = {}): TCampaignEvent {
  return {
    campaignId: 'c1',
    status: 'RUNNING',
    totalLeads: 40,
    completedLeads: 24,
    successfulCalls: 19,
    failedCalls: 2,
    missedCalls: 3,
    voicemailCalls: 0,
    skippedLeads: 0,
    at: '2026-01-01T00:01:00.000Z',
    ...overrides,
  };
}

describe('progressPercent', () => {
  it('is 0 for a campaign without leads', () => {
    expect(progressPercent(0, 0)).toBe(0);
  });
  it('rounds down so 100% means every lead is done', () => {
    expect(progressPercent(199, 200)).toBe(99);
    expect(progressPercent(200, 200)).toBe(100);
    expect(progressPercent(1, 3)).toBe(33);
  });
});

describe('successRate', () => {
  it('is successful calls out of finished leads, rounded to a whole percent', () => {
    expect(successRate(18, 23)).toEqual({ successful: 18, completed: 23, percent: 78 });
  });
  it('has no percent before any lead has finished', () => {
    expect(successRate(0, 0).percent).toBeNull();
  });
});

describe('formatDuration', () => {
  it('formats seconds, minutes and hours', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(7.4)).toBe('7s');
    expect(formatDuration(65)).toBe('1m 05s');
    expect(formatDuration(3725)).toBe('1h 02m 05s');
  });
});

describe('dashboardNumbers', () => {
  it('derives every counter the dashboard shows from the campaign stats', () => {
    expect(dashboardNumbers(campaign())).toEqual({
      completed: 23,
      total: 40,
      progress: 57,
      successRate: { successful: 18, completed: 23, percent: 78 },
      successful: 18,
      failed: 2,
      missed: 3,
      averageDurationSeconds: 4.5,
    });
  });
});

describe('applyCampaignEvent', () => {
  it('moves the counters and the success rate to the event, keeping the talk-time average', () => {
    const next = applyCampaignEvent(campaign(), event());
    expect(next.stats).toMatchObject({
      completedLeads: 24,
      successfulCalls: 19,
      successRate: 0.7917,
      averageDuration: 4.5,
      activeCalls: 5,
    });
    expect(next.completedLeads).toBe(24);
  });
  it('takes the status from pause, resume and completion events', () => {
    expect(applyCampaignEvent(campaign(), event({ status: 'PAUSED', completedLeads: 23, successfulCalls: 18 })).status).toBe('PAUSED');
  });
  it('ignores an event older than what is shown, so counters never go backwards', () => {
    const shown = campaign();
    expect(applyCampaignEvent(shown, event({ completedLeads: 20 }))).toBe(shown);
  });
  it('ignores another campaign’s event', () => {
    const shown = campaign();
    expect(applyCampaignEvent(shown, event({ campaignId: 'other' }))).toBe(shown);
  });
});
