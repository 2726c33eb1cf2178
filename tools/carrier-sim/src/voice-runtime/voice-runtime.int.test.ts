import { waitFor } from '@dialwave/testkit';
import twilio from 'twilio';
import { startCarrierSim, type RunningCarrierSim } from '../index';
import { startCallbackReceiver, type CallbackReceiver } from '../testing/callback-receiver';
import { simTwilioClient } from '../testing/sim-twilio-client';
import type { VoiceSession } from './sim-voice-runtime';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'voice-runtime-test-token-0123456789';

function streamTwiml(reportUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const stream = response.connect().stream({ url: 'wss://runtime.example.invalid/agent' });
  stream.parameter({ name: 'callId', value: 'call-1' });
  stream.parameter({ name: 'leadName', value: 'Ada Lovelace' });
  stream.parameter({ name: 'greeting', value: 'Hello from Acme Solar.' });
  stream.parameter({ name: 'reportUrl', value: reportUrl });
  return response.toString();
}

describe('the simulator as the voice runtime', () => {
  let sim: RunningCarrierSim;
  let dropping: RunningCarrierSim;
  let receiver: CallbackReceiver;
  /** Receives nothing but reports, so a test can fail exactly the next report. */
  let reports: CallbackReceiver;
  let client: twilio.Twilio;
  let droppingClient: twilio.Twilio;

  beforeAll(async () => {
    [receiver, reports] = await Promise.all([startCallbackReceiver(), startCallbackReceiver()]);
    receiver.replyTo('/twilio/voice', { body: streamTwiml(`${reports.baseUrl}/agent/report?callId=c&token=t`) });
    receiver.replyTo('/twilio/greeting', { body: new twilio.twiml.VoiceResponse().say('Hi').toString() });
    [sim, dropping] = await Promise.all([
      startCarrierSim({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, timeScale: 0.01 }),
      startCarrierSim({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, timeScale: 0.01, reportDropRate: 1 }),
    ]);
    client = simTwilioClient(sim.url, ACCOUNT_SID, AUTH_TOKEN);
    droppingClient = simTwilioClient(dropping.url, ACCOUNT_SID, AUTH_TOKEN);
  });

  afterAll(async () => {
    await Promise.all([sim.close(), dropping.close()]);
    await Promise.all([receiver.close(), reports.close()]);
  });

  async function dial(to: string, path = '/twilio/voice', via = client) {
    return via.calls.create({
      to,
      from: '+15550001000',
      url: `${receiver.baseUrl}${path}?callId=${encodeURIComponent(to)}`,
      method: 'POST',
      machineDetection: 'Enable',
      statusCallback: `${receiver.baseUrl}/twilio/status?callId=${encodeURIComponent(to)}`,
    });
  }

  async function voiceOf(
    runningSim: RunningCarrierSim,
    callSid: string,
    settled: (v: VoiceSession | undefined) => boolean,
  ): Promise<VoiceSession | undefined> {
    return waitFor(
      async () => {
        const view = (await (await fetch(`${runningSim.url}/sim/calls/${callSid}`)).json()) as {
          resource: { status: string };
          voice: VoiceSession | null;
        };
        const voice = view.voice ?? undefined;
        return ['completed', 'no-answer', 'busy', 'failed'].includes(view.resource.status) && settled(voice) && { voice };
      },
      { what: `the voice session of ${callSid}` },
    ).then((r) => r.voice);
  }

  it('fetches the answer URL on answer, signed as Twilio signs it, and keeps the TwiML', async () => {
    const call = await dial('+15550000001');
    await voiceOf(sim, call.sid, (v) => v?.report?.status === 'sent');
    const [fetched] = receiver.received.filter((r) => r.path === '/twilio/voice' && r.params.CallSid === call.sid);
    expect(fetched).toBeDefined();
    expect(fetched!.params).toMatchObject({
      CallStatus: 'in-progress',
      Direction: 'outbound-api',
      To: '+15550000001',
      AnsweredBy: 'human',
      AccountSid: ACCOUNT_SID,
    });
    expect(twilio.validateRequest(AUTH_TOKEN, fetched!.signature, fetched!.url, fetched!.params)).toBe(true);
    const view = (await (await fetch(`${sim.url}/sim/calls/${call.sid}`)).json()) as { twiml: string; voice: VoiceSession };
    expect(view.twiml).toContain('<Connect><Stream url="wss://runtime.example.invalid/agent">');
    expect(view.voice.stream).toEqual({
      url: 'wss://runtime.example.invalid/agent',
      parameters: {
        callId: 'call-1',
        leadName: 'Ada Lovelace',
        greeting: 'Hello from Acme Solar.',
        reportUrl: `${reports.baseUrl}/agent/report?callId=c&token=t`,
      },
    });
  });

  it.each([
    ['+15550000001', 'positive', { sentiment: 'positive', successful: true }],
    ['+15550000012', 'neutral', { sentiment: 'neutral', successful: false }],
    ['+15550000023', 'negative', { sentiment: 'negative', successful: false }],
    ['+15550000034', 'unscored', {}],
    ['+15550000040', 'positive', { sentiment: 'positive', successful: true }],
  ])('posts the report a person-answered call to %s predicts (%s) to the report URL when the call ends', async (to, script, verdict) => {
    const before = reports.received.length;
    const call = await dial(to);
    const voice = await voiceOf(sim, call.sid, (v) => v?.report?.status === 'sent');
    expect(voice!.report).toMatchObject({ script, status: 'sent', deliveries: [expect.objectContaining({ attempt: 1, httpStatus: 200 })] });
    const posted = reports.received.slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.contentType).toContain('application/json');
    const report = posted[0]!.json as {
      transcript: { role: string; text: string; atSeconds: number }[];
      summary: string;
      sentiment?: string;
      successful?: boolean;
    };
    expect(report.transcript[0]).toEqual({ role: 'agent', text: 'Hello from Acme Solar.', atSeconds: 0 });
    expect(report.transcript.map((t) => t.role)).toEqual(['agent', 'caller', 'agent', 'caller']);
    expect(report.summary).toContain('Ada Lovelace');
    expect(report).toMatchObject(verdict);
    if (script === 'unscored') {
      expect(report).not.toHaveProperty('sentiment');
      expect(report).not.toHaveProperty('successful');
    }
    // The turns fall within the talk time (2 + second-to-last digit seconds).
    const talkSeconds = 2 + Number(to.at(-2));
    expect(Math.max(...report.transcript.map((t) => t.atSeconds))).toBeLessThan(talkSeconds);
  });

  it('posts no report for a machine, and never fetches TwiML for a call nobody answered', async () => {
    const before = reports.received.length;
    const machine = await dial('+15550000005');
    const machineVoice = await voiceOf(sim, machine.sid, (v) => v?.report?.status === 'none');
    expect(machineVoice!.twimlFetch.httpStatus).toBe(200);
    for (const to of ['+15550000006', '+15550000007', '+15550000008']) {
      const call = await dial(to);
      expect(await voiceOf(sim, call.sid, (v) => v === undefined)).toBeUndefined();
      expect(receiver.received.some((r) => r.path === '/twilio/voice' && r.params.CallSid === call.sid)).toBe(false);
    }
    expect(reports.received.length).toBe(before);
  });

  it('posts nothing when the TwiML is not a stream', async () => {
    const call = await dial('+15550000001', '/twilio/greeting');
    const voice = await voiceOf(sim, call.sid, (v) => v?.twimlFetch.httpStatus === 200);
    expect(voice).toEqual({ twimlFetch: { httpStatus: 200 } });
  });

  it('retries a report the receiver fails with a 5xx', async () => {
    reports.failNext(1);
    const call = await dial('+15550000011');
    const voice = await voiceOf(sim, call.sid, (v) => v?.report?.status === 'sent');
    expect(voice!.report!.deliveries.map((d) => d.httpStatus)).toEqual([500, 200]);
  });

  it('drops reports at SIM_REPORT_DROP_RATE', async () => {
    const before = reports.received.length;
    const call = await dial('+15550000001', '/twilio/voice', droppingClient);
    const voice = await voiceOf(dropping, call.sid, (v) => v?.report?.status === 'dropped');
    expect(voice!.report).toEqual({ script: 'positive', status: 'dropped', deliveries: [] });
    expect(reports.received.length).toBe(before);
  });
});
