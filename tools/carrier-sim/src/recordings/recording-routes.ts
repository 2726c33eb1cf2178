import express, { Router } from 'express';
import type { CallRunner } from '../calls/call-runner';
import { twilioBasicAuth } from '../twilio/basic-auth';
import { API_VERSION } from '../twilio/call-resource';
import { allValues, firstValue, type FormBody } from '../twilio/create-call-request';
import { sendTwilioError, TwilioErrorCode } from '../twilio/twilio-error';
import type { CallRecordings, RecordingEvent } from './call-recordings';
import { silentWav, type RecordingFiles } from './recording-files';
import { toRecordingResource } from './recording-resource';

export interface RecordingRoutesDeps {
  accountSid: string;
  authToken: string;
  runner: CallRunner;
  recordings: CallRecordings;
  files: RecordingFiles;
}

const RECORDING_EVENTS: readonly RecordingEvent[] = ['in-progress', 'completed', 'absent'];

/** Twilio's Call Recordings API (start a recording on a live call) and the recordings' media. */
export function recordingRoutes({ accountSid, authToken, runner, recordings, files }: RecordingRoutesDeps): Router {
  const router = Router();
  const auth = twilioBasicAuth(accountSid, authToken);
  const form = express.urlencoded({ extended: false });

  router.post(`/${API_VERSION}/Accounts/:accountSid/Calls/:callSid/Recordings.json`, auth, form, (req, res) => {
    const body = (req.body ?? {}) as FormBody;
    const call = runner.get(String(req.params.callSid));
    if (!call) {
      sendTwilioError(res, 404, TwilioErrorCode.notFound, `The requested resource ${req.path} was not found`);
      return;
    }
    if (call.status !== 'in-progress') {
      sendTwilioError(res, 400, TwilioErrorCode.callNotInProgress, 'Call is not in-progress. Cannot start recording.');
      return;
    }
    const statusCallback = firstValue(body, 'RecordingStatusCallback');
    if (statusCallback && !URL.canParse(statusCallback)) {
      sendTwilioError(res, 400, TwilioErrorCode.invalidParameter, `RecordingStatusCallback is not a valid URL: ${statusCallback}`);
      return;
    }
    const method = (firstValue(body, 'RecordingStatusCallbackMethod') ?? 'POST').toUpperCase();
    if (method !== 'POST' && method !== 'GET') {
      sendTwilioError(res, 400, TwilioErrorCode.invalidParameter, 'RecordingStatusCallbackMethod must be GET or POST');
      return;
    }
    const requested = allValues(body, 'RecordingStatusCallbackEvent');
    const unknown = requested.filter((e) => !RECORDING_EVENTS.includes(e as RecordingEvent));
    if (unknown.length > 0) {
      sendTwilioError(res, 400, TwilioErrorCode.invalidParameter, `Unknown RecordingStatusCallbackEvent: ${unknown.join(', ')}`);
      return;
    }
    const recording = recordings.start(call, {
      statusCallback,
      statusCallbackMethod: method,
      statusCallbackEvents: new Set<RecordingEvent>(requested.length > 0 ? (requested as RecordingEvent[]) : ['completed']),
      simUrl: `${req.protocol}://${req.get('host')}`,
    });
    res.status(201).json(toRecordingResource(call, recording));
  });

  // Clients append a format (`.wav`, `.mp3`) to Twilio recording URLs; every format gets the same WAV.
  router.get('/recordings/:file', (req, res) => {
    const id = String(req.params.file).replace(/\.(wav|mp3)$/i, '');
    if (!files.has(id)) {
      res.status(404).json({ error: { code: 'NOT_FOUND', message: `recording ${id}` } });
      return;
    }
    res.type('audio/wav').send(silentWav());
  });

  return router;
}
