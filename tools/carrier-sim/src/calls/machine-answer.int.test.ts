import { waitFor } from '@dialwave/testkit';
import twilio from 'twilio';
import { startCarrierSim, type RunningCarrierSim } from '../index';
import { startCallbackReceiver, type CallbackReceiver } from '../testing/callback-receiver';
import { simTwilioClient } from '../testing/sim-twilio-client';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'machine-answer-test-token-0123456789';

describe('answering machines in the simulator', () => {
  let sim: RunningCarrierSim;
  let receiver: CallbackReceiver;
  let client: twilio.Twilio;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    receiver.replyTo('/twilio/hangup', { body: new twilio.twiml.VoiceResponse().hangup().toString() });
    const voicemail = new twilio.twiml.VoiceResponse();
    // Ten words: 4 nominal seconds at 2.5 words a second.
    voicemail.say('This is Acme Solar, please call us back this week.');
    voicemail.hangup();
    receiver.replyTo('/twilio/voicemail', { body: voicemail.toString() });
    receiver.replyTo('/twilio/greeting', { body: new twilio.twiml.VoiceResponse().say('Hello there.').toString() });
    sim = await startCarrierSim({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, timeScale: 0.01 });
    client = simTwilioClient(sim.url, ACCOUNT_SID, AUTH_TOKEN);
  });

  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  async function dialMachine(path: string, machineDetection: 'Enable' | 'DetectMessageEnd', to: string) {
    const call = await client.calls.create({
      to,
      from: '+15550001000',
      url: `${receiver.baseUrl}${path}`,
      method: 'POST',
      machineDetection,
      statusCallback: `${receiver.baseUrl}/twilio/status?callId=${encodeURIComponent(to)}`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    const ended = await waitFor(
      () =>
        receiver.received.find((r) => r.path === '/twilio/status' && r.params.CallSid === call.sid && r.params.CallStatus === 'completed'),
      { what: `the end of ${to}` },
    );
    const fetched = receiver.received.find((r) => r.path === path && r.params.CallSid === call.sid);
    return { ended: ended.params, fetched: fetched?.params };
  }

  it('ends a machine’s call at once when the answer TwiML hangs up on it (the campaign’s `hangup`)', async () => {
    const { ended, fetched } = await dialMachine('/twilio/hangup', 'Enable', '+15550000105');
    expect(fetched).toMatchObject({ AnsweredBy: 'machine_start' });
    expect(ended).toMatchObject({ AnsweredBy: 'machine_start', CallDuration: '0' });
  });

  it('with DetectMessageEnd reports the beep after the greeting and records the message: greeting 4 s + message 4 s', async () => {
    const { ended, fetched } = await dialMachine('/twilio/voicemail', 'DetectMessageEnd', '+15550000115');
    expect(fetched).toMatchObject({ AnsweredBy: 'machine_end_beep' });
    expect(ended).toMatchObject({ AnsweredBy: 'machine_end_beep', CallDuration: '8' });
  });

  it('lets a machine record its usual 3 s when the TwiML plays the greeting as to a person (`continue`)', async () => {
    const { ended } = await dialMachine('/twilio/greeting', 'Enable', '+15550000125');
    expect(ended).toMatchObject({ AnsweredBy: 'machine_start', CallDuration: '3' });
  });
});
