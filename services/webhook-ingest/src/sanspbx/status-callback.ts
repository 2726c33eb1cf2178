import { ZSansPbxStatusCallbackSchema, type TSansPbxStatusCallback } from '@dialwave/contracts';
import { mapSansPbxDisposition, type CallStatusUpdate, type SansPbxOutcome } from '@dialwave/domain';
import { parseOrThrow } from '@dialwave/platform';

export interface SansPbxStatusCallback {
  params: TSansPbxStatusCallback;
  outcome: SansPbxOutcome;
  /** The carrier's id of the call: `callid`, or `Linkedid` on accounts that send that instead. */
  providerCallSid: string;
}

export function parseSansPbxStatusCallback(body: unknown): SansPbxStatusCallback {
  const params = parseOrThrow(ZSansPbxStatusCallbackSchema, body ?? {});
  return {
    params,
    outcome: mapSansPbxDisposition({ disposition: params.disposition, billsec: params.billsec, cause_txt: params.cause_txt }),
    providerCallSid: (params.callid || params.Linkedid)!,
  };
}

/**
 * SansPBX reports a call once, after it ended, so the update is terminal and carries sequence 0: a second
 * delivery of the same callback is a duplicate by (callId, event, sequence) and changes nothing.
 */
export function toSansPbxStatusUpdate(callId: string, callback: SansPbxStatusCallback, raw: unknown): CallStatusUpdate {
  const { params, outcome, providerCallSid } = callback;
  const recordingUrl = asHttpUrl(params.recfile);
  return {
    callId,
    status: outcome.status,
    event: `sanspbx:${outcome.word.toLowerCase()}`,
    sequence: 0,
    providerCallSid,
    durationSeconds: outcome.durationSeconds,
    raw,
    ...(outcome.failureReason ? { failureReason: outcome.failureReason } : {}),
    ...(recordingUrl ? { recordingUrl } : {}),
  };
}

/** `recfile` may be a path relative to the account's recording base, which we do not know; only URLs are kept. */
function asHttpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
