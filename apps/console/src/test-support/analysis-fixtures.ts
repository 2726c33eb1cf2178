import type { TCampaignAnalysisStats } from '@dialwave/contracts';

/** A campaign none of whose calls has a report yet. */
export const NO_ANALYSIS: TCampaignAnalysisStats = {
  analysedCalls: 0,
  sentiment: { positive: 0, neutral: 0, negative: 0, mixed: 0 },
  judgedCalls: 0,
  judgedSuccessful: 0,
  judgedSuccessRate: 0,
};
