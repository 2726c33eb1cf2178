import type { TCallStatus } from '@dialwave/contracts';
import { ZTwilioStatusCallbackSchema, type TTwilioStatusCallback } from '@dialwave/contracts';
import { isTerminalCallStatus, mapTwilioCallStatus, type CallStatusUpdate } from '@dialwave/domain';
import { AppError, parseOrThrow } from '@dialwave/platform';

export interface TwilioStatusCallback {
  params: TTwilioStatusCallback;
  /** Our status for the Twilio word in `CallStatus`. */
  status: TCallStatus;
  /** The Twilio word, lower-cased: safe to use as a metric label, since it mapped to a status. */
  twilioStatus: string;
}

/** Validates a status callback's form fields; a `CallStatus` word Twilio does not document is a 400. */
export function parseTwilioStatusCallback(body: unknown): TwilioStatusCallback {
  const params = parseOrThrow(ZTwilioStatusCallbackSchema, body ?? {});
  const status = mapTwilioCallStatus(params.CallStatus);
  if (!status) {
    throw new AppError('VALIDATION_FAILED', `Invalid body: CallStatus: unknown Twilio call status "${params.CallStatus}"`, [
      { field: 'CallStatus', message: `unknown Twilio call status "${params.CallStatus}"` },
    ]);
  }
  return { params, status: inboundAware(status, params.Direction), twilioStatus: params.CallStatus.trim().toLowerCase() };
}

/**
 * Twilio reports an inbound call `in-progress` as soon as our TwiML answers it and parks the caller in the
 * queue. For us the caller is still waiting for a person: the call is ANSWERED when an agent accepts it.
 */
function inboundAware(status: TCallStatus, direction: string | undefined): TCallStatus {
  return direction === 'inbound' && status === 'ANSWERED' ? 'RINGING' : status;
}

/**
 * Turns a verified Twilio status callback into the one update the domain applies. The duration is
 * Twilio's own `CallDuration`, never a local clock: our clock starts at dial, Twilio's at answer.
 */
export function toCallStatusUpdate(
  callId: string,
  callback: TwilioStatusCallback,
  raw: Record<string, unknown>,
  now: () => Date = () => new Date(),
): CallStatusUpdate {
  const { params, status, twilioStatus } = callback;
  const terminal = isTerminalCallStatus(status);
  const failureReason = describeFailure(params, status);
  return {
    callId,
    status,
    event: `twilio:${twilioStatus}`,
    providerCallSid: params.CallSid,
    occurredAt: parseRfc2822(params.Timestamp) ?? now(),
    raw,
    ...(params.SequenceNumber !== undefined ? { sequence: params.SequenceNumber } : {}),
    ...(terminal && params.CallDuration !== undefined ? { durationSeconds: params.CallDuration } : {}),
    ...(params.AnsweredBy ? { answeredBy: params.AnsweredBy } : {}),
    ...(failureReason ? { failureReason } : {}),
  };
}

function describeFailure(params: TTwilioStatusCallback, status: TCallStatus): string | undefined {
  if (params.ErrorCode) return `twilio error ${params.ErrorCode}${params.ErrorMessage ? `: ${params.ErrorMessage}` : ''}`;
  if (params.ErrorMessage) return params.ErrorMessage;
  // Twilio reports why the far end refused a failed call only as the SIP response (e.g. 404, 503).
  if (status === 'FAILED' && params.SipResponseCode) return `sip ${params.SipResponseCode}`;
  return undefined;
}

/** Twilio's `Timestamp` is RFC 2822 (`Wed, 25 Nov 2026 11:36:23 +0000`), which Date parses. */
function parseRfc2822(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
