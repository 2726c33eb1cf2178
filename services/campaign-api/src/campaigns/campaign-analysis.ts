import type { TCampaignAnalysisStats, TSentiment } from '@dialwave/contracts';
import type { Db } from '@dialwave/db';

/** One group of a campaign's reports: how many share this sentiment and this success verdict. */
export interface ReportGroup {
  sentiment: TSentiment;
  successful: boolean | null;
  count: number;
}

/**
 * The campaign's reports in figures. The success share counts only reports that give a verdict: a runtime
 * that never judges success must not read as an agent that always fails.
 */
export function summariseReports(groups: readonly ReportGroup[]): TCampaignAnalysisStats {
  const stats: TCampaignAnalysisStats = {
    analysedCalls: 0,
    sentiment: { positive: 0, neutral: 0, negative: 0, mixed: 0 },
    judgedCalls: 0,
    judgedSuccessful: 0,
    judgedSuccessRate: 0,
  };
  for (const group of groups) {
    stats.analysedCalls += group.count;
    stats.sentiment[group.sentiment] += group.count;
    if (group.successful !== null) stats.judgedCalls += group.count;
    if (group.successful === true) stats.judgedSuccessful += group.count;
  }
  stats.judgedSuccessRate = stats.judgedCalls > 0 ? Math.round((stats.judgedSuccessful / stats.judgedCalls) * 10_000) / 10_000 : 0;
  return stats;
}

/** One GROUP BY over the campaign's reports (indexed by campaignId), not a scan of its calls. */
export async function loadCampaignAnalysis(prisma: Db, campaignId: string): Promise<TCampaignAnalysisStats> {
  const groups = await prisma.callReport.groupBy({ by: ['sentiment', 'successful'], where: { campaignId }, _count: { _all: true } });
  return summariseReports(groups.map((g) => ({ sentiment: g.sentiment, successful: g.successful, count: g._count._all })));
}
