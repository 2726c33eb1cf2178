import twilio from 'twilio';
import { waitFor } from '@dialwave/testkit';
import { startCarrierSim, type RunningCarrierSim } from '../index';
import { startCallbackReceiver, type CallbackReceiver, type ReceivedCallback } from '../testing/callback-receiver';
import { simTwilioClient } from '../testing/sim-twilio-client';

const ACCOUNT_SID = 'AC55555555555555555555555555555555';
const AUTH_TOKEN = 'recordings-test-token';

describe('call recordings', () => {
  let receiver: CallbackReceiver;
  let sim: RunningCarrierSim;
  let client: twilio.Twilio;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    sim = await startCarrierSim({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      // Slow enough that an 11 s call is still live when the test starts its recording.
      timeScale: 0.05,
      inboundWebhookBaseUrl: receiver.baseUrl,
      inboundMaxWaitSeconds: 600,
    });
    client = simTwilioClient(sim.url, ACCOUNT_SID, AUTH_TOKEN);
  });

  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  function callbacksAt(path: string, callSid: string, count: number): Promise<ReceivedCallback[]> {
    return waitFor(
      () => {
        const received = receiver.forCall(callSid).filter((cb) => cb.path === path);
        return received.length >= count && received;
      },
      { what: `${count} callbacks at ${path}` },
    );
  }

  it('a recording started on a live outbound call reports completed, signed, after the call ends', async () => {
    const call = await client.calls.create({
      to: '+15550000090',
      from: '+15550001000',
      url: 'http://127.0.0.1:9/twiml',
      statusCallback: `${receiver.baseUrl}/twilio/status`,
      statusCallbackEvent: ['answered', 'completed'],
    });
    await callbacksAt('/twilio/status', call.sid, 1);
    const recording = await client.calls(call.sid).recordings.create({
      recordingStatusCallback: `${receiver.baseUrl}/twilio/recording?callId=c1`,
      recordingStatusCallbackEvent: ['completed'],
    });
    expect(recording.sid).toMatch(/^RE[0-9a-f]{32}$/);
    expect(recording).toMatchObject({ callSid: call.sid, accountSid: ACCOUNT_SID, status: 'in-progress', duration: '-1' });
    expect(recording.uri).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${call.sid}/Recordings/${recording.sid}.json`);

    const ended = await client.calls(call.sid).update({ status: 'completed' });
    const [done] = await callbacksAt('/twilio/recording', call.sid, 1);
    expect(twilio.validateRequest(AUTH_TOKEN, done!.signature, done!.url, done!.params)).toBe(true);
    expect(done!.params).toMatchObject({
      AccountSid: ACCOUNT_SID,
      CallSid: call.sid,
      RecordingSid: recording.sid,
      RecordingUrl: `${sim.url}/recordings/${recording.sid}`,
      RecordingStatus: 'completed',
      RecordingChannels: '1',
      RecordingSource: 'StartCallRecordingAPI',
    });
    expect(Number(done!.params.RecordingDuration)).toBeLessThanOrEqual(Number(ended.duration));
    // The recording's callback comes after the call's terminal callback.
    const order = receiver.forCall(call.sid).map((cb) => cb.params.RecordingStatus ?? cb.params.CallStatus);
    expect(order).toEqual(['in-progress', 'completed', 'completed']);
    expect(receiver.forCall(call.sid).at(-1)!.path).toBe('/twilio/recording');

    const media = await fetch(done!.params.RecordingUrl!);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toContain('audio/wav');
    expect(
      Buffer.from(await media.arrayBuffer())
        .subarray(0, 4)
        .toString('ascii'),
    ).toBe('RIFF');
  });

  it('a recording of a queued inbound caller reports in-progress at once and completed when the caller hangs up', async () => {
    receiver.replyTo('/twilio/incoming', { body: '<Response><Enqueue>support</Enqueue></Response>' });
    const placed = (await (
      await fetch(`${sim.url}/sim/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: '+15557770001', to: '+15550001000' }),
      })
    ).json()) as { callSid: string };
    const recording = await client.calls(placed.callSid).recordings.create({
      recordingStatusCallback: `${receiver.baseUrl}/twilio/recording`,
      recordingStatusCallbackEvent: ['in-progress', 'completed'],
    });
    const [started] = await callbacksAt('/twilio/recording', placed.callSid, 1);
    expect(started!.params).toMatchObject({ RecordingSid: recording.sid, RecordingStatus: 'in-progress' });
    await client.calls(placed.callSid).update({ status: 'completed' });
    const [, completed] = await callbacksAt('/twilio/recording', placed.callSid, 2);
    expect(completed!.params).toMatchObject({ RecordingSid: recording.sid, RecordingStatus: 'completed' });
    expect(completed!.params.RecordingDuration).toMatch(/^\d+$/);
  });

  it('a call that is not in progress cannot be recorded', async () => {
    const call = await client.calls.create({ to: '+15550000007', from: '+15550001000', url: 'http://127.0.0.1:9/twiml' });
    await waitFor(async () => (await client.calls(call.sid).fetch()).status === 'busy', { what: 'busy' });
    const refusal = await client
      .calls(call.sid)
      .recordings.create()
      .catch((err: unknown) => err);
    expect(refusal).toMatchObject({ status: 400, code: 21220 });
  });

  it('an unknown recording is not served', async () => {
    const response = await fetch(`${sim.url}/recordings/RE00000000000000000000000000000000`);
    expect(response.status).toBe(404);
  });
});
