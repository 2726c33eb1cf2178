import { computeCampaignStats } from './campaign-stats';

const counters = {
  totalLeads: 0,
  completedLeads: 0,
  successfulCalls: 0,
  failedCalls: 0,
  missedCalls: 0,
  voicemailCalls: 0,
  skippedLeads: 0,
  totalTalkSeconds: 0,
};

describe('computeCampaignStats', () => {
  it('averages talk time over successful calls and rates success over completed leads', () => {
    const stats = computeCampaignStats(
      {
        totalLeads: 20,
        completedLeads: 8,
        successfulCalls: 3,
        failedCalls: 2,
        missedCalls: 2,
        voicemailCalls: 1,
        skippedLeads: 1,
        totalTalkSeconds: 90,
      },
      4,
      { waitingLeads: 5, retryPendingLeads: 2, nextDialAt: new Date('2026-11-26T03:30:00Z'), nextDialZone: 'Asia/Kolkata' },
    );
    expect(stats).toEqual({
      totalLeads: 20,
      completedLeads: 8,
      successfulCalls: 3,
      failedCalls: 2,
      missedCalls: 2,
      voicemailCalls: 1,
      averageDuration: 30,
      successRate: 0.375,
      activeCalls: 4,
      waitingLeads: 5,
      retryPendingLeads: 2,
      skippedLeads: 1,
      nextDialAt: '2026-11-26T03:30:00.000Z',
      nextDialZone: 'Asia/Kolkata',
    });
  });

  it('rounds the success rate to four places', () => {
    expect(computeCampaignStats({ ...counters, completedLeads: 3, successfulCalls: 2, totalTalkSeconds: 7 }, 0)).toMatchObject({
      successRate: 0.6667,
      averageDuration: 3.5,
    });
    expect(computeCampaignStats({ ...counters, completedLeads: 7, successfulCalls: 1, totalTalkSeconds: 10 }, 0).successRate).toBe(0.1429);
  });

  it('answers 0 for both ratios before any lead completes or any call succeeds', () => {
    expect(computeCampaignStats({ ...counters, totalLeads: 5 }, 2)).toMatchObject({ averageDuration: 0, successRate: 0, activeCalls: 2 });
    expect(computeCampaignStats({ ...counters, completedLeads: 4, failedCalls: 4 }, 0)).toMatchObject({
      averageDuration: 0,
      successRate: 0,
    });
  });
});
