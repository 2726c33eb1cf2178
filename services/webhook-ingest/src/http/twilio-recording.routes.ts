import { Router } from 'express';
import { ZTwilioRecordingCallbackSchema } from '@dialwave/contracts';
import { recordCallRecording, type CallStatusDeps } from '@dialwave/domain';
import { AppError, parseOrThrow } from '@dialwave/platform';
import { emptyTwiml } from '../twilio/voice-twiml';
import { formParams, queryString } from './twilio-signature';

/**
 * `POST /twilio/recording?callId=<id>` (signature verified before this runs): a recording started by
 * campaign-api (`startRecording`) finished. Stores its URL on the call, once per RecordingSid.
 */
export function twilioRecordingRoutes(deps: CallStatusDeps): Router {
  const router = Router();
  router.post('/twilio/recording', async (req, res) => {
    const raw = formParams(req);
    const params = parseOrThrow(ZTwilioRecordingCallbackSchema, raw);
    const callId = queryString(req, 'callId');
    if (!callId) throw new AppError('VALIDATION_FAILED', 'Invalid query: callId is required', [{ field: 'callId', message: 'is required' }]);
    const outcome = await recordCallRecording(deps, {
      callId,
      recordingSid: params.RecordingSid,
      recordingStatus: params.RecordingStatus,
      raw,
      ...(params.RecordingUrl ? { recordingUrl: params.RecordingUrl } : {}),
      ...(params.RecordingDuration !== undefined ? { durationSeconds: params.RecordingDuration } : {}),
    });
    if (outcome === 'unknown-call') throw AppError.notFound('Call');
    res.type('text/xml').send(emptyTwiml());
  });
  return router;
}
