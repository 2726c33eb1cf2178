import { Router } from 'express';
import { applyCallStatusUpdate, type CallStatusDeps } from '@dialwave/domain';
import { AppError } from '@dialwave/platform';
import type { CallRepository } from '../calls/call.repository';
import { emptyTwiml } from '../twilio/voice-twiml';
import { parseTwilioStatusCallback, toCallStatusUpdate, type TwilioStatusCallback } from '../twilio/status-callback';
import type { IngestMetrics } from './ingest-metrics';
import { formParams, queryString } from './twilio-signature';

export interface TwilioStatusRouteDeps extends CallStatusDeps {
  calls: CallRepository;
  metrics: IngestMetrics;
}

/**
 * `POST /twilio/status?callId=<id>` (signature verified before this runs). The status write commits before
 * we answer, so a callback that arrives while Postgres is away fails and Twilio retries it; nothing else
 * slow happens on this path.
 */
export function twilioStatusRoutes(deps: TwilioStatusRouteDeps): Router {
  const router = Router();
  // The same document for every callback: built once, not per request.
  const acknowledgement = emptyTwiml();
  router.post('/twilio/status', async (req, res) => {
    const raw = formParams(req);
    let callback: TwilioStatusCallback;
    try {
      callback = parseTwilioStatusCallback(raw);
    } catch (err) {
      deps.metrics.webhookReceived('twilio', 'invalid', 'invalid');
      deps.logger.warn({ callId: queryString(req, 'callId'), callSid: raw.CallSid, callStatus: raw.CallStatus, err }, 'invalid Twilio status callback');
      throw err;
    }
    const callId = queryString(req, 'callId') ?? (await deps.calls.findCallIdByProviderSid(callback.params.CallSid));
    const result = callId
      ? await applyCallStatusUpdate(deps, toCallStatusUpdate(callId, callback, raw))
      : ({ outcome: 'unknown-call' } as const);

    if (result.outcome === 'unknown-call') {
      deps.metrics.webhookReceived('twilio', callback.twilioStatus, 'unknown');
      // With a callId the domain has logged it already.
      if (!callId) deps.logger.warn({ callSid: callback.params.CallSid }, 'status callback without callId for an unknown CallSid');
      throw AppError.notFound('Call');
    }
    deps.metrics.webhookReceived('twilio', callback.twilioStatus, result.outcome);
    if (result.outcome === 'applied' && result.call) deps.metrics.callStatusChanged(result.call.status);
    res.type('text/xml').send(acknowledgement);
  });
  return router;
}
