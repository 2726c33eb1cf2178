import type { TCall, TCallLog } from '@dialwave/contracts';
import type { Call, CallLog } from '@dialwave/db';
import { isoOrNull } from '../shared/iso';

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
