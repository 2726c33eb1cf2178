import { Router } from 'express';
import type { Logger } from 'pino';
import { agentReportUrl } from '@dialwave/domain';
import type { CallRepository } from '../calls/call.repository';
import { answeredCallTwiml, hangupTwiml, machineAnswerTwiml, unknownCallTwiml, voiceRuntimeTwiml } from '../twilio/voice-twiml';
import { formParams, queryString } from './twilio-signature';

export interface TwilioVoiceRouteDeps {
  calls: CallRepository;
  logger: Logger;
  publicWebhookUrl: string;
  /** AGENT_REPORT_SECRET: signs the report URL handed to a voice runtime. */
  reportSecret: string;
}

/** The step marking Twilio's request after `<Record>` ends (its `action`). */
const RECORDED_STEP = 'recorded';

/**
 * `POST /twilio/voice?callId=<id>` (signature verified before this runs): what an answered outbound call
 * hears: the agent's voice runtime when it has one, else its greeting. Always answers TwiML, even for a
 * call we do not know, so the person on the line is never left in silence or hears Twilio's
 * application-error message.
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
    const callId =
      queryString(req, 'callId') ??
      (typeof callSid === 'string' && callSid ? await deps.calls.findCallIdByProviderSid(callSid) : undefined);
    const script = callId ? await deps.calls.findVoiceScript(callId) : undefined;
    if (!callId || !script) {
      deps.logger.warn({ callId, callSid }, 'voice request for an unknown call');
      res.send(unknownCallTwiml());
      return;
    }
    const answeredBy = formParams(req).AnsweredBy;
    const forMachine = machineAnswerTwiml(script, typeof answeredBy === 'string' ? answeredBy : undefined);
    if (forMachine) {
      deps.logger.info({ callId, answeredBy, action: script.answeringMachine?.action }, 'machine answered; handled as the campaign says');
      res.send(forMachine);
      return;
    }
    if (script.voiceRuntimeUrl) {
      res.send(
        voiceRuntimeTwiml(script.voiceRuntimeUrl, {
          callId,
          leadName: script.leadName,
          greeting: script.greeting,
          reportUrl: agentReportUrl(deps.publicWebhookUrl, deps.reportSecret, callId),
        }),
      );
      return;
    }
    const recordingDoneUrl = `${deps.publicWebhookUrl}/twilio/voice?${new URLSearchParams({ callId, step: RECORDED_STEP }).toString()}`;
    res.send(answeredCallTwiml(script, recordingDoneUrl));
  });
  return router;
}
