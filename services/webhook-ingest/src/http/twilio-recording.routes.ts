import { Router } from 'express';
import { ZTwilioRecordingCallbackSchema } from '@dialwave/contracts';
import { AppError, parseOrThrow } from '@dialwave/platform';
import { emptyTwiml } from '../twilio/voice-twiml';
import { storeCallback, type StoreCallbackDeps } from './store-callback';
import { formParams, queryString } from './twilio-signature';

/**
 * `POST /twilio/recording?callId=<id>` (signature verified before this runs): a recording started by
 * campaign-api (`startRecording`) finished. Stored like a status callback and applied by the consumer,
 * which keeps its URL on the call, once per RecordingSid: nothing in the answer needs Postgres.
 */
export function twilioRecordingRoutes(deps: StoreCallbackDeps): Router {
  const router = Router();
  router.post('/twilio/recording', async (req, res) => {
    const raw = formParams(req);
    parseOrThrow(ZTwilioRecordingCallbackSchema, raw);
    const callId = queryString(req, 'callId');
    if (!callId)
      throw new AppError('VALIDATION_FAILED', 'Invalid query: callId is required', [{ field: 'callId', message: 'is required' }]);
    await storeCallback(
      deps,
      res,
      { provider: 'twilio', callStatus: 'recording' },
      { kind: 'twilio-recording', callId, payload: raw },
      callId,
    );
    res.type('text/xml').send(emptyTwiml());
  });
  return router;
}
