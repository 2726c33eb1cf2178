import twilio from 'twilio';
import type { PreparedRequest } from '../load/callback-load';
import { BENCH_FROM_NUMBER, type SeededCall } from './seed-calls';

export const CALLBACK_STAGES = ['ringing', 'in-progress', 'completed'] as const;
export type CallbackStage = (typeof CALLBACK_STAGES)[number];

export const TALK_SECONDS_PER_CALL = 7;

/** RFC 2822, as Twilio writes `Timestamp`: `Wed, 25 Nov 2026 12:00:00 +0000`. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/** The form fields Twilio (and the carrier simulator) post for one stage of an outbound call. */
export function callbackParams(call: SeededCall, stage: CallbackStage, accountSid: string, at: Date): Record<string, string> {
  const params: Record<string, string> = {
    CallSid: call.callSid,
    AccountSid: accountSid,
    From: BENCH_FROM_NUMBER,
    To: call.to,
    Direction: 'outbound-api',
    ApiVersion: '2010-04-01',
    CallStatus: stage,
    Timestamp: rfc2822(at),
    CallbackSource: 'call-progress-events',
    SequenceNumber: String(CALLBACK_STAGES.indexOf(stage)),
  };
  if (stage === 'completed') {
    params.CallDuration = String(TALK_SECONDS_PER_CALL);
    params.Duration = String(Math.ceil(TALK_SECONDS_PER_CALL / 60));
  }
  return params;
}

/**
 * Every stage's callback for every call, signed with the twilio SDK exactly as Twilio signs them (URL =
 * PUBLIC_WEBHOOK_URL + path + query). Calls go in groups of `groupSize`: the group's ringing callbacks,
 * then its in-progress ones, then its completed ones, so with ~groupSize connections a call's callbacks
 * leave in order yet many calls are in flight, as when many campaigns run at once.
 */
export function signedStatusCallbacks(
  calls: readonly SeededCall[],
  {
    publicWebhookUrl,
    accountSid,
    authToken,
    groupSize = 50,
  }: { publicWebhookUrl: string; accountSid: string; authToken: string; groupSize?: number },
): PreparedRequest[] {
  const requests: PreparedRequest[] = [];
  const at = new Date();
  for (let start = 0; start < calls.length; start += groupSize) {
    const group = calls.slice(start, start + groupSize);
    for (const stage of CALLBACK_STAGES) {
      for (const call of group) requests.push(signedCallback(call, stage, { publicWebhookUrl, accountSid, authToken, at }));
    }
  }
  return requests;
}

export function signedCallback(
  call: SeededCall,
  stage: CallbackStage,
  {
    publicWebhookUrl,
    accountSid,
    authToken,
    at = new Date(),
  }: { publicWebhookUrl: string; accountSid: string; authToken: string; at?: Date },
): PreparedRequest {
  const path = `/twilio/status?callId=${encodeURIComponent(call.callId)}`;
  const params = callbackParams(call, stage, accountSid, at);
  const signature = twilio.getExpectedTwilioSignature(authToken, `${publicWebhookUrl}${path}`, params);
  return {
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  };
}
