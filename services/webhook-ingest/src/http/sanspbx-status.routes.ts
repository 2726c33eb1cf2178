import express, { Router } from 'express';
import { applyCallStatusUpdate, type CallStatusDeps } from '@dialwave/domain';
import { AppError } from '@dialwave/platform';
import type { CallRepository } from '../calls/call.repository';
import { parseSansPbxStatusCallback, toSansPbxStatusUpdate, type SansPbxStatusCallback } from '../sanspbx/status-callback';
import type { IngestMetrics } from './ingest-metrics';
import { verifyCallTokenQuery } from './call-token-query';
import { queryString } from './twilio-signature';

export interface SansPbxStatusRouteDeps extends CallStatusDeps {
  metrics: IngestMetrics;
  calls: CallRepository;
  callbackSecret: string;
}

/** SansPBX's end-of-call payload is a few hundred bytes of JSON. */
const JSON_BODY_LIMIT = '64kb';

/**
 * `POST /sanspbx/status?callId=<id>&token=<call token>`: SansPBX's one end-of-call callback. The call's
 * token is checked before the body is even parsed, then the call must be a SansPBX call: whoever holds
 * SansPBX tokens (or the secret) cannot end or falsify a Twilio call. The write commits before we answer,
 * so SansPBX's retry on a 5xx redelivers anything that failed.
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
    async (req, _res, next) => {
      const callId = queryString(req, 'callId')!;
      const provider = await deps.calls.findProvider(callId);
      if (!provider) {
        deps.metrics.webhookReceived('sanspbx', 'unverified', 'unknown');
        throw AppError.notFound('Call');
      }
      if (provider !== 'SANSPBX') {
        deps.metrics.webhookReceived('sanspbx', 'unverified', 'forged');
        deps.logger.warn({ callId, provider, ip: req.ip }, 'refused a SansPBX callback about a call of another provider');
        throw new AppError('FORBIDDEN', 'this call is not a SansPBX call');
      }
      next();
    },
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
      if (callback.outcome.unknown) {
        deps.logger.warn({ callId, disposition: callback.params.disposition, payload: req.body as unknown }, 'SansPBX sent a disposition we do not know; failing the call');
      }
      const result = await applyCallStatusUpdate(deps, toSansPbxStatusUpdate(callId, callback, req.body));
      if (result.outcome === 'unknown-call') {
        deps.metrics.webhookReceived('sanspbx', label, 'unknown');
        throw AppError.notFound('Call');
      }
      deps.metrics.webhookReceived('sanspbx', label, result.outcome);
      if (result.outcome === 'applied' && result.call) deps.metrics.callStatusChanged(result.call.status);
      res.json({ status: 'ok' });
    },
  );
  return router;
}
