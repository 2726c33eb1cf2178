import type { TAgentReport, TSentiment, TSentimentSource } from '@dialwave/contracts';
import { Prisma, type Db } from '@dialwave/db';

export interface ReportedCall {
  id: string;
  userId: string;
  campaignId: string | null;
  leadId: string | null;
  direction: 'OUTBOUND' | 'INBOUND';
  fromNumber: string;
  toNumber: string;
  leadName: string | null;
}

export interface ReportToStore {
  report: TAgentReport;
  sentiment: TSentiment;
  sentimentSource: TSentimentSource;
  sentimentScore: number | null;
}

export type SaveReportResult =
  | { outcome: 'unknown-call' }
  | { outcome: 'stored' | 'replaced'; call: ReportedCall; revision: number; previousSentiment: TSentiment | null };

/** Log rows of a call's reports: one per arrival, numbered by revision in the sequence slot. */
export const REPORT_LOG_EVENT = 'report:received';

/** The only file that writes reports. */
export class CallReportRepository {
  constructor(private readonly prisma: Db) {}

  /**
   * Stores the call's report, or replaces the one it has, and logs the arrival. The call's row lock (the
   * one every status write takes) serialises two deliveries of the same report, so revisions count right.
   */
  save(callId: string, input: ReportToStore): Promise<SaveReportResult> {
    return this.prisma.$transaction(async (tx): Promise<SaveReportResult> => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Call" WHERE "id" = ${callId} FOR UPDATE`;
      if (locked.length === 0) return { outcome: 'unknown-call' };
      const row = await tx.call.findUniqueOrThrow({
        where: { id: callId },
        select: {
          id: true,
          userId: true,
          campaignId: true,
          leadId: true,
          direction: true,
          fromNumber: true,
          toNumber: true,
          lead: { select: { firstName: true, lastName: true } },
          report: { select: { sentiment: true, revisions: true } },
        },
      });
      const { report: previous, lead, ...call } = row;
      const revision = (previous?.revisions ?? 0) + 1;
      const fields = {
        transcript: input.report.transcript as Prisma.InputJsonValue,
        transcriptText: transcriptText(input.report),
        summary: input.report.summary || null,
        sentiment: input.sentiment,
        sentimentSource: input.sentimentSource,
        sentimentScore: input.sentimentScore,
        successful: input.report.successful ?? null,
        data: input.report.data === undefined ? Prisma.JsonNull : (input.report.data as Prisma.InputJsonValue),
        revisions: revision,
        receivedAt: new Date(),
      };
      if (previous) await tx.callReport.update({ where: { callId }, data: fields });
      else await tx.callReport.create({ data: { callId, userId: call.userId, campaignId: call.campaignId, ...fields } });
      await tx.callLog.create({
        data: {
          callId,
          campaignId: call.campaignId,
          event: REPORT_LOG_EVENT,
          sequence: revision,
          details: `${previous ? `replaced revision ${revision - 1}; ` : ''}${input.sentiment} (${input.sentimentSource})`,
          data: { revision, sentiment: input.sentiment, sentimentSource: input.sentimentSource, turns: input.report.transcript.length },
        },
      });
      return {
        outcome: previous ? 'replaced' : 'stored',
        call: { ...call, leadName: lead ? [lead.firstName, lead.lastName].filter(Boolean).join(' ') : null },
        revision,
        previousSentiment: previous?.sentiment ?? null,
      };
    });
  }
}

/** What full-text search reads: every turn's words, one turn a line (roles are not words anyone searches for). */
function transcriptText(report: TAgentReport): string {
  return report.transcript.map((turn) => turn.text).join('\n');
}
