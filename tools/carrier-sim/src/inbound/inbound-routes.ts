import { randomBytes } from 'node:crypto';
import express, { Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '@dialwave/platform';
import { API_VERSION } from '../twilio/call-resource';
import { signCallback } from '../twilio/signature';

export interface InboundRoutesDeps {
  accountSid: string;
  authToken: string;
  /** Base URL of the service that answers inbound calls; the sim posts to `<base>/twilio/incoming`. */
  webhookBaseUrl?: string;
}

const ZInboundCallRequestSchema = z.object({ from: z.string().min(1), to: z.string().min(1) });

/**
 * `POST /sim/inbound {from, to}`: someone dials one of our numbers. The sim announces the call the way
 * Twilio does, a signed form POST to the voice URL, and reports what the webhook answered. The rest of the
 * inbound call (TwiML execution, status callbacks) is not simulated yet.
 */
export function inboundRoutes({ accountSid, authToken, webhookBaseUrl }: InboundRoutesDeps): Router {
  const router = Router();
  router.post('/sim/inbound', express.json(), async (req, res) => {
    const { from, to } = parseOrThrow(ZInboundCallRequestSchema, req.body ?? {});
    if (!webhookBaseUrl) {
      res.status(501).json({
        error: {
          code: 'INBOUND_NOT_CONFIGURED',
          message: 'set SIM_INBOUND_WEBHOOK_URL or PUBLIC_WEBHOOK_URL to place inbound calls',
        },
      });
      return;
    }
    const url = `${webhookBaseUrl.replace(/\/+$/, '')}/twilio/incoming`;
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const params: Record<string, string> = {
      CallSid: callSid,
      AccountSid: accountSid,
      From: from,
      To: to,
      Caller: from,
      Called: to,
      CallStatus: 'ringing',
      Direction: 'inbound',
      ApiVersion: API_VERSION,
    };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': signCallback(authToken, url, params),
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(10_000),
      });
      const twiml = await response.text();
      res.status(201).json({ callSid, webhook: { url, status: response.status, body: twiml } });
    } catch (err) {
      res.status(502).json({
        error: { code: 'INBOUND_WEBHOOK_UNREACHABLE', message: err instanceof Error ? err.message : String(err) },
      });
    }
  });
  return router;
}
