import type { TCall, TCallAnalysis, TCallLog, TCallReport, TTranscriptTurn } from '@dialwave/contracts';
import type { Call, CallLog } from '@dialwave/db';
import { isoOrNull } from '../shared/iso';
import type { StoredCallReport } from './call.repository';

export function serialiseCall(call: Call): TCall {
  return {
    id: call.id,
    direction: call.direction,
    status: call.status,
    provider: call.provider,
    providerCallSid: call.providerCallSid,
    fromNumber: call.fromNumber,
    toNumber: call.toNumber,
    campaignId: call.campaignId,
    leadId: call.leadId,
    agentId: call.agentId,
    attempt: call.attempt,
    answeredBy: call.answeredBy,
    answeredAt: isoOrNull(call.answeredAt),
    endedAt: isoOrNull(call.endedAt),
    durationSeconds: call.durationSeconds,
    failureReason: call.failureReason,
    recordingUrl: call.recordingUrl,
    disposition: call.disposition,
    notes: call.notes,
    createdAt: call.createdAt.toISOString(),
  };
}

export function serialiseCallLog(log: CallLog): TCallLog {
  return {
    id: log.id,
    callId: log.callId,
    campaignId: log.campaignId,
    event: log.event,
    timestamp: log.timestamp.toISOString(),
    details: log.details,
    data: log.data ?? null,
  };
}

export function serialiseCallReport(report: StoredCallReport): TCallReport {
  return {
    // Stored only after the report schema accepted it.
    transcript: report.transcript as TTranscriptTurn[],
    summary: report.summary,
    sentiment: report.sentiment,
    sentimentSource: report.sentimentSource,
    successful: report.successful,
    data: (report.data as Record<string, unknown> | null) ?? null,
    receivedAt: report.receivedAt.toISOString(),
    revisions: report.revisions,
  };
}

export function serialiseCallAnalysis(
  report: Pick<StoredCallReport, 'sentiment' | 'sentimentSource' | 'successful' | 'summary'>,
): TCallAnalysis {
  return { sentiment: report.sentiment, sentimentSource: report.sentimentSource, successful: report.successful, summary: report.summary };
}
