import type { CallProgressEvent } from '../calls/sim-call';
import { TwilioErrorCode } from './twilio-error';

/** A form body as express parses it: a repeated name becomes an array. */
export type FormBody = Record<string, string | string[] | undefined>;

export interface CreateCallRequest {
  to: string;
  from: string;
  machineDetection: boolean;
  /** `MachineDetection=DetectMessageEnd`: a machine is reported once its greeting has ended (the beep). */
  detectMessageEnd: boolean;
  record: boolean;
  timeoutSeconds?: number;
  statusCallback?: string;
  statusCallbackMethod: 'POST' | 'GET';
  events: Set<CallProgressEvent>;
  /** Where the call's TwiML comes from once it is answered (absent when `Twiml` was given inline). */
  answerUrl?: string;
}

export type ParseResult = { ok: true; request: CreateCallRequest } | { ok: false; code: number; message: string };

const PROGRESS_EVENTS: readonly CallProgressEvent[] = ['initiated', 'ringing', 'answered', 'completed'];

export function firstValue(body: FormBody, name: string): string | undefined {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

export function allValues(body: FormBody, name: string): string[] {
  const value = body[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
}

/** Reads Twilio's create-call form, rejecting what Twilio rejects with Twilio's error codes. */
export function parseCreateCallRequest(body: FormBody): ParseResult {
  const to = firstValue(body, 'To');
  if (!to) return { ok: false, code: TwilioErrorCode.toMissing, message: "A 'To' phone number is required." };
  const from = firstValue(body, 'From');
  if (!from) return { ok: false, code: TwilioErrorCode.fromMissing, message: "A 'From' phone number is required." };
  if (!firstValue(body, 'Url') && !firstValue(body, 'Twiml') && !firstValue(body, 'ApplicationSid')) {
    return { ok: false, code: TwilioErrorCode.urlMissing, message: 'Url, Twiml or ApplicationSid is required.' };
  }
  const answerUrl = firstValue(body, 'Url');
  if (answerUrl && !URL.canParse(answerUrl)) {
    return { ok: false, code: TwilioErrorCode.invalidParameter, message: `Url is not a valid URL: ${answerUrl}` };
  }
  const statusCallback = firstValue(body, 'StatusCallback');
  if (statusCallback && !URL.canParse(statusCallback)) {
    return { ok: false, code: TwilioErrorCode.invalidParameter, message: `StatusCallback is not a valid URL: ${statusCallback}` };
  }
  const method = (firstValue(body, 'StatusCallbackMethod') ?? 'POST').toUpperCase();
  if (method !== 'POST' && method !== 'GET') {
    return { ok: false, code: TwilioErrorCode.invalidParameter, message: `StatusCallbackMethod must be GET or POST` };
  }
  const requested = allValues(body, 'StatusCallbackEvent');
  const unknown = requested.filter((e) => !PROGRESS_EVENTS.includes(e as CallProgressEvent));
  if (unknown.length > 0) {
    return { ok: false, code: TwilioErrorCode.invalidParameter, message: `Unknown StatusCallbackEvent: ${unknown.join(', ')}` };
  }
  // Twilio sends only the `completed` callback unless events are asked for.
  const events = new Set<CallProgressEvent>(requested.length > 0 ? (requested as CallProgressEvent[]) : ['completed']);
  const timeout = firstValue(body, 'Timeout');
  return {
    ok: true,
    request: {
      to,
      from,
      machineDetection: ['enable', 'detectmessageend'].includes((firstValue(body, 'MachineDetection') ?? '').toLowerCase()),
      detectMessageEnd: (firstValue(body, 'MachineDetection') ?? '').toLowerCase() === 'detectmessageend',
      record: (firstValue(body, 'Record') ?? '').toLowerCase() === 'true',
      timeoutSeconds: timeout === undefined ? undefined : Number(timeout),
      statusCallback,
      statusCallbackMethod: method,
      events,
      answerUrl,
    },
  };
}
