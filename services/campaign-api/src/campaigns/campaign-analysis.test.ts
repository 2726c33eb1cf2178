import { summariseReports } from './campaign-analysis';

describe('summariseReports', () => {
  it('counts sentiments and rates success over the reports that judged it', () => {
    expect(
      summariseReports([
        { sentiment: 'positive', successful: true, count: 3 },
        { sentiment: 'neutral', successful: false, count: 2 },
        { sentiment: 'negative', successful: null, count: 4 },
        { sentiment: 'mixed', successful: true, count: 1 },
      ]),
    ).toEqual({
      analysedCalls: 10,
      sentiment: { positive: 3, neutral: 2, negative: 4, mixed: 1 },
      judgedCalls: 6,
      judgedSuccessful: 4,
      judgedSuccessRate: 0.6667,
    });
  });

  it('answers zeros for a campaign without reports', () => {
    expect(summariseReports([])).toEqual({
      analysedCalls: 0,
      sentiment: { positive: 0, neutral: 0, negative: 0, mixed: 0 },
      judgedCalls: 0,
      judgedSuccessful: 0,
      judgedSuccessRate: 0,
    });
  });
});
