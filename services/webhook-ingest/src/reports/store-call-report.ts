import { EVENT_NAMES, type TAgentReport, type TAgentReportResponse } from '@dialwave/contracts';
import type { CallStatusDeps } from '@dialwave/domain';
import type { CallReportRepository, ReportToStore } from './call-report.repository';
import type { SentimentScorer } from './computed-sentiment';

export interface StoreCallReportDeps extends Pick<CallStatusDeps, 'events' | 'logger'> {
  reports: CallReportRepository;
  scorer: SentimentScorer;
}

/**
 * A voice runtime's end-of-call report: the sentiment it gives is kept as `reported`, a missing one is
 * computed from the caller's turns; the report is stored once per call (a re-sent one replaces it) and its
 * owner's consoles hear `call:analyzed`. Returns undefined for a call we do not have.
 */
export async function storeCallReport(
  deps: StoreCallReportDeps,
  callId: string,
  report: TAgentReport,
): Promise<TAgentReportResponse | undefined> {
  const log = deps.logger.child({ callId });
  const toStore = judgeSentiment(deps.scorer, report);
  const saved = await deps.reports.save(callId, toStore);
  if (saved.outcome === 'unknown-call') {
    log.warn('report for a call we do not have');
    return undefined;
  }
  const { call } = saved;
  const callLog = log.child({ campaignId: call.campaignId, userId: call.userId });
  const summary = {
    sentiment: toStore.sentiment,
    sentimentSource: toStore.sentimentSource,
    revision: saved.revision,
    turns: report.transcript.length,
  };
  if (saved.outcome === 'replaced')
    callLog.info({ ...summary, previousSentiment: saved.previousSentiment }, 'call report replaced by a newer one');
  else callLog.info(summary, 'call report stored');

  try {
    await deps.events.publish(call.userId, {
      type: EVENT_NAMES.callAnalyzed,
      payload: {
        callId,
        campaignId: call.campaignId,
        leadId: call.leadId,
        leadName: call.leadName ?? '',
        phone: call.direction === 'INBOUND' ? call.fromNumber : call.toNumber,
        sentiment: toStore.sentiment,
        sentimentSource: toStore.sentimentSource,
        successful: report.successful ?? null,
        summary: report.summary || null,
        replaced: saved.outcome === 'replaced',
        at: new Date().toISOString(),
      },
    });
  } catch (err) {
    // The report is stored; consoles that missed the event see it when they refetch.
    callLog.error({ err }, 'failed to publish call:analyzed');
  }
  return { callId, outcome: saved.outcome, sentiment: toStore.sentiment, sentimentSource: toStore.sentimentSource };
}

function judgeSentiment(scorer: SentimentScorer, report: TAgentReport): ReportToStore {
  if (report.sentiment) return { report, sentiment: report.sentiment, sentimentSource: 'reported', sentimentScore: null };
  const computed = scorer.score(report.transcript);
  return { report, sentiment: computed.sentiment, sentimentSource: 'computed', sentimentScore: computed.score };
}
