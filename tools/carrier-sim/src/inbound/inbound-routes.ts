import express, { Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '@dialwave/platform';
import type { CallRunner } from '../calls/call-runner';
import type { SimCall } from '../calls/sim-call';
import { API_VERSION } from '../twilio/call-resource';
import { signCallback } from '../twilio/signature';

export interface InboundRoutesDeps {
  accountSid: string;
  authToken: string;
  runner: CallRunner;
  /** Base URL of the service that answers inbound calls; the sim posts to `<base>/twilio/incoming`. */
  webhookBaseUrl?: string;
  /** The number's status callback; default `<base>/twilio/status`. */
  statusCallbackUrl?: string;
  maxWaitSeconds: number;
}

const ZInboundCallRequestSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  callerName: z.string().min(1).optional(),
});

/** An inbound caller talks for 2 + (second-to-last digit of From) seconds once an agent takes the call. */
export function inboundTalkSeconds(from: string): number {
  const digits = from.replace(/\D/g, '');
  return 2 + Number(digits.at(-2) ?? '0');
}

/**
 * `POST /sim/inbound {from, to, callerName?}`: someone dials one of our numbers. The sim announces the call
 * the way Twilio does (a signed form POST to the voice URL) and runs the TwiML it gets back: `<Enqueue>`
 * answers the call and parks the caller until a REST redirect accepts it, anything else ends it at once.
 */
export function inboundRoutes(deps: InboundRoutesDeps): Router {
  const { accountSid, authToken, runner, webhookBaseUrl } = deps;
  const router = Router();
  router.post('/sim/inbound', express.json(), async (req, res) => {
    const { from, to, callerName } = parseOrThrow(ZInboundCallRequestSchema, req.body ?? {});
    if (!webhookBaseUrl) {
      res.status(501).json({
        error: {
          code: 'INBOUND_NOT_CONFIGURED',
          message: 'set SIM_INBOUND_WEBHOOK_URL or PUBLIC_WEBHOOK_URL to place inbound calls',
        },
      });
      return;
    }
    const base = webhookBaseUrl.replace(/\/+$/, '');
    const url = `${base}/twilio/incoming`;
    const call = runner.createInbound({
      accountSid,
      from,
      to,
      statusCallback: deps.statusCallbackUrl ?? `${base}/twilio/status`,
      plan: { kind: 'inbound', talkSeconds: inboundTalkSeconds(from), maxWaitSeconds: deps.maxWaitSeconds },
    });
    const params = incomingWebhookParams(call, callerName);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': signCallback(authToken, url, params),
          'User-Agent': 'TwilioProxy/1.1',
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(10_000),
      });
      const twiml = await response.text();
      if (response.ok) runner.runInboundTwiml(call, twiml);
      else runner.failInbound(call);
      res.status(201).json({ callSid: call.sid, webhook: { url, status: response.status, body: twiml } });
    } catch (err) {
      runner.failInbound(call);
      res.status(502).json({
        error: {
          code: 'INBOUND_WEBHOOK_UNREACHABLE',
          message: err instanceof Error ? err.message : String(err),
          details: { callSid: call.sid },
        },
      });
    }
  });
  return router;
}

function incomingWebhookParams(call: SimCall, callerName: string | undefined): Record<string, string> {
  const params: Record<string, string> = {
    CallSid: call.sid,
    AccountSid: call.accountSid,
    From: call.from,
    To: call.to,
    Caller: call.from,
    Called: call.to,
    CallStatus: 'ringing',
    Direction: 'inbound',
    ApiVersion: API_VERSION,
  };
  if (callerName) params.CallerName = callerName;
  return params;
}
