import { Router } from 'express';
import type { Logger } from 'pino';
import { emptyTwiml } from '../twilio/voice-twiml';
import { parseTwilioStatusCallback, type TwilioStatusCallback } from '../twilio/status-callback';
import type { IngestMetrics } from './ingest-metrics';
import { storeCallback, type StoreCallbackDeps } from './store-callback';
import { formParams, queryString } from './twilio-signature';

export interface TwilioStatusRouteDeps extends StoreCallbackDeps {
  metrics: IngestMetrics;
  logger: Logger;
}

/**
 * `POST /twilio/status?callId=<id>` (signature verified before this runs). A callback that verifies and
 * parses is stored durably (storeCallback) and answered 200; the callback consumer applies it. So the
 * answer does not wait for Postgres, and a database outage loses nothing.
 */
export function twilioStatusRoutes(deps: TwilioStatusRouteDeps): Router {
  const router = Router();
  // The same document for every callback: built once, not per request.
  const acknowledgement = emptyTwiml();
  router.post('/twilio/status', async (req, res) => {
    const raw = formParams(req);
    const callId = queryString(req, 'callId');
    let callback: TwilioStatusCallback;
    try {
      callback = parseTwilioStatusCallback(raw);
    } catch (err) {
      deps.metrics.webhookReceived('twilio', 'invalid', 'invalid');
      deps.logger.warn({ callId, callSid: raw.CallSid, callStatus: raw.CallStatus, err }, 'invalid Twilio status callback');
      throw err;
    }
    await storeCallback(
      deps,
      res,
      { provider: 'twilio', callStatus: callback.twilioStatus },
      { kind: 'twilio-status', payload: raw, ...(callId ? { callId } : {}) },
      // Without our id (an inbound call's number-level callback) every callback of the call has its CallSid.
      callId ?? callback.params.CallSid,
    );
    res.type('text/xml').send(acknowledgement);
  });
  return router;
}
