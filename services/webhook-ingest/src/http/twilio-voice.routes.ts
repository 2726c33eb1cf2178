import { Router } from 'express';
import type { Logger } from 'pino';
import type { CallRepository } from '../calls/call.repository';
import { answeredCallTwiml, hangupTwiml, unknownCallTwiml } from '../twilio/voice-twiml';
import { formParams, queryString } from './twilio-signature';

export interface TwilioVoiceRouteDeps {
  calls: CallRepository;
  logger: Logger;
  publicWebhookUrl: string;
}

/** The step marking Twilio's request after `<Record>` ends (its `action`). */
const RECORDED_STEP = 'recorded';

/**
 * `POST /twilio/voice?callId=<id>` (signature verified before this runs): what an answered outbound call
 * hears. Always answers TwiML, even for a call we do not know, so the person on the line is never left in
 * silence or hears Twilio's application-error message.
 */
export function twilioVoiceRoutes(deps: TwilioVoiceRouteDeps): Router {
  const router = Router();
  router.post('/twilio/voice', async (req, res) => {
    res.type('text/xml');
    if (queryString(req, 'step') === RECORDED_STEP) {
      res.send(hangupTwiml());
      return;
    }
    const callSid = formParams(req).CallSid;
    const callId = queryString(req, 'callId') ?? (typeof callSid === 'string' && callSid ? await deps.calls.findCallIdByProviderSid(callSid) : undefined);
    const script = callId ? await deps.calls.findVoiceScript(callId) : undefined;
    if (!callId || !script) {
      deps.logger.warn({ callId, callSid }, 'voice request for an unknown call');
      res.send(unknownCallTwiml());
      return;
    }
    const recordingDoneUrl = `${deps.publicWebhookUrl}/twilio/voice?${new URLSearchParams({ callId, step: RECORDED_STEP }).toString()}`;
    res.send(answeredCallTwiml(script, recordingDoneUrl));
  });
  return router;
}
