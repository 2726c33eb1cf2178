import twilio from 'twilio';
import { mapTwilioCallStatus } from '@dialwave/domain';
import type { AgentIdentity, CallProvider, DialRequest, DialResult, PlacedCallQuery, ProviderCallStatus } from './call-provider';
import { classifyProviderError, ProviderError } from './provider-error';
import { createTwilioClient, type TwilioClientConfig } from './twilio-client';

export type TwilioProviderConfig = TwilioClientConfig;

const PLACED_CALL_CLOCK_SLACK_MS = 5_000;

/** Progress events we ask for; Twilio sends only `completed` unless told otherwise. */
const STATUS_CALLBACK_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

/** Dials through Twilio's REST API with the official SDK (also used for the carrier simulator). */
export class TwilioProvider implements CallProvider {
  private readonly client: twilio.Twilio;

  constructor(config: TwilioProviderConfig) {
    this.client = createTwilioClient(config);
  }

  async dial(req: DialRequest): Promise<DialResult> {
    if (!req.answerUrl) throw ProviderError.permanent('a Twilio dial needs an answer URL');
    try {
      const call = await this.client.calls.create({
        to: req.to,
        from: req.from,
        url: req.answerUrl,
        method: 'POST',
        statusCallback: req.statusCallbackUrl,
        statusCallbackMethod: 'POST',
        statusCallbackEvent: STATUS_CALLBACK_EVENTS,
        timeout: req.timeoutSeconds,
        record: req.record,
        ...machineDetectionFor(req.answeringMachine),
      });
      return { providerCallSid: call.sid };
    } catch (err) {
      throw classifyProviderError(err);
    }
  }

  async fetchStatus(providerCallSid: string): Promise<ProviderCallStatus> {
    try {
      const call = await this.client.calls(providerCallSid).fetch();
      const duration = Number.parseInt(String(call.duration ?? ''), 10);
      return {
        // A status word Twilio does not document is treated as "still live"; reconciliation then hangs up.
        status: mapTwilioCallStatus(String(call.status)) ?? 'DIALING',
        ...(Number.isFinite(duration) ? { durationSeconds: duration } : {}),
        ...(call.answeredBy ? { answeredBy: call.answeredBy } : {}),
      };
    } catch (err) {
      throw classifyProviderError(err);
    }
  }

  async findPlacedCall(query: PlacedCallQuery): Promise<DialResult | null> {
    try {
      const recent = await this.client.calls.list({ to: query.to, from: query.from, limit: 20 });
      // A little slack for the carrier's clock against ours; Twilio lists newest first.
      const placed = recent.find((call) => call.dateCreated.getTime() >= query.since.getTime() - PLACED_CALL_CLOCK_SLACK_MS);
      return placed ? { providerCallSid: placed.sid } : null;
    } catch (err) {
      throw classifyProviderError(err);
    }
  }

  async connectToAgent(providerCallSid: string, agent: AgentIdentity): Promise<void> {
    const response = new twilio.twiml.VoiceResponse();
    // The agent's softphone registers as a Twilio Client with the agent's id as its identity.
    response.dial().client(agent.id);
    try {
      await this.client.calls(providerCallSid).update({ twiml: response.toString() });
    } catch (err) {
      throw classifyProviderError(err);
    }
  }

  async startRecording(providerCallSid: string, recordingCallbackUrl: string): Promise<void> {
    try {
      await this.client.calls(providerCallSid).recordings.create({
        recordingStatusCallback: recordingCallbackUrl,
        recordingStatusCallbackEvent: ['completed'],
        recordingStatusCallbackMethod: 'POST',
      });
    } catch (err) {
      throw classifyProviderError(err);
    }
  }

  async hangUp(providerCallSid: string): Promise<void> {
    try {
      // `completed` ends a call in any live state; `canceled` would be refused once the call is answered.
      await this.client.calls(providerCallSid).update({ status: 'completed' });
    } catch (err) {
      throw classifyProviderError(err);
    }
  }
}

/**
 * Twilio answering-machine detection for a campaign's setting. Synchronous detection in every case: Twilio
 * asks our answer URL for TwiML once it knows who answered, with `AnsweredBy`, so /twilio/voice itself
 * decides — the greeting for a person, a hang-up (`hangup`) or the message (`voicemail`) for a machine —
 * without a REST round trip from webhook-ingest. `voicemail` uses DetectMessageEnd so that Twilio waits for
 * the end of the machine's greeting (`machine_end_beep`) and the message is recorded whole.
 * https://www.twilio.com/docs/voice/answering-machine-detection
 */
function machineDetectionFor(action: DialRequest['answeringMachine']): { machineDetection?: string } {
  if (action === undefined) return {};
  return { machineDetection: action === 'voicemail' ? 'DetectMessageEnd' : 'Enable' };
}
