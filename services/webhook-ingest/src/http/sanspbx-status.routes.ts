import express, { Router } from 'express';
import type { Logger } from 'pino';
import { parseSansPbxStatusCallback, type SansPbxStatusCallback } from '../sanspbx/status-callback';
import type { IngestMetrics } from './ingest-metrics';
import { verifyCallTokenQuery } from './call-token-query';
import { storeCallback, type StoreCallbackDeps } from './store-callback';
import { queryString } from './twilio-signature';

export interface SansPbxStatusRouteDeps extends StoreCallbackDeps {
  metrics: IngestMetrics;
  logger: Logger;
  callbackSecret: string;
}

/** SansPBX's end-of-call payload is a few hundred bytes of JSON. */
const JSON_BODY_LIMIT = '64kb';

/**
 * `POST /sanspbx/status?callId=<id>&token=<call token>`: SansPBX's one end-of-call callback. The call's
 * token is checked before the body is even parsed; a callback that verifies and parses is stored durably
 * and answered 200. The consumer then checks that the call is a SansPBX call (whoever holds SansPBX tokens
 * or the secret cannot end or falsify a Twilio call) before applying it. With Redis away the answer is a
 * 503 and SansPBX's retry brings the callback back.
 */
export function sansPbxStatusRoutes(deps: SansPbxStatusRouteDeps): Router {
  const router = Router();
  router.post(
    '/sanspbx/status',
    verifyCallTokenQuery({
      secret: deps.callbackSecret,
      onForged: (req, reason) => {
        deps.metrics.webhookReceived('sanspbx', 'unverified', 'forged');
        deps.logger.warn({ callId: req.query.callId, ip: req.ip, reason }, 'refused a SansPBX callback without the right token');
      },
    }),
    express.json({ limit: JSON_BODY_LIMIT }),
    async (req, res) => {
      const callId = queryString(req, 'callId')!;
      let callback: SansPbxStatusCallback;
      try {
        callback = parseSansPbxStatusCallback(req.body);
      } catch (err) {
        deps.metrics.webhookReceived('sanspbx', 'invalid', 'invalid');
        deps.logger.warn({ callId, err }, 'invalid SansPBX status callback');
        throw err;
      }
      // The unknown word is not a metric label: a caller could otherwise mint label values.
      const label = callback.outcome.unknown ? 'unknown' : callback.outcome.word.toLowerCase();
      await storeCallback(
        deps,
        res,
        { provider: 'sanspbx', callStatus: label },
        { kind: 'sanspbx-status', callId, payload: req.body as unknown },
        callId,
      );
      res.json({ status: 'ok' });
    },
  );
  return router;
}
