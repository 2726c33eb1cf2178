import twilio from 'twilio';
import { waitFor } from '@dialwave/testkit';
import { startCarrierSim, type RunningCarrierSim } from '../index';
import { startCallbackReceiver, type CallbackReceiver, type ReceivedCallback } from '../testing/callback-receiver';
import { simTwilioClient } from '../testing/sim-twilio-client';

const ACCOUNT_SID = 'AC44444444444444444444444444444444';
const AUTH_TOKEN = 'inbound-lifecycle-token';
const ENQUEUE_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Please hold</Say><Enqueue>support</Enqueue></Response>';
const BRIDGE_TWIML = '<Response><Dial><Queue>support</Queue></Dial></Response>';

interface DebugView {
  direction: string;
  queue: string | null;
  queueWaitSeconds: number | null;
  twiml: string | null;
  resource: { status: string; direction: string; duration: string | null };
}

describe('inbound call lifecycle', () => {
  let receiver: CallbackReceiver;
  let sim: RunningCarrierSim;
  let impatient: RunningCarrierSim;
  let client: twilio.Twilio;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    sim = await startCarrierSim({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      timeScale: 0.01,
      inboundWebhookBaseUrl: receiver.baseUrl,
      // Long enough that a slow test machine never sees a caller give up before the test accepts it.
      inboundMaxWaitSeconds: 600,
    });
    impatient = await startCarrierSim({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      timeScale: 0.01,
      inboundWebhookBaseUrl: receiver.baseUrl,
      inboundStatusCallbackUrl: `${receiver.baseUrl}/numbers/status?number=main`,
      inboundMaxWaitSeconds: 3,
    });
    client = simTwilioClient(sim.url, ACCOUNT_SID, AUTH_TOKEN);
  });

  beforeEach(() => {
    receiver.replyTo('/twilio/incoming', { body: ENQUEUE_TWIML });
  });

  afterAll(async () => {
    await sim.close();
    await impatient.close();
    await receiver.close();
  });

  async function placeInbound(base: string, body: Record<string, string>) {
    const response = await fetch(`${base}/sim/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { callSid: string; webhook: { url: string; status: number; body: string } };
  }

  async function debugView(base: string, sid: string): Promise<DebugView> {
    return (await (await fetch(`${base}/sim/calls/${sid}`)).json()) as DebugView;
  }

  function statusCallbacks(callSid: string, count: number, path = '/twilio/status'): Promise<ReceivedCallback[]> {
    return waitFor(
      () => {
        const received = receiver.forCall(callSid).filter((cb) => cb.path === path);
        return received.length >= count && received;
      },
      { what: `${count} status callbacks for ${callSid}` },
    );
  }

  it('an accepted caller waits in the queue, talks after the REST redirect and completes with the nominal duration', async () => {
    const placed = await placeInbound(sim.url, { from: '+15557770031', to: '+15550001000', callerName: 'Ada Lovelace' });
    expect(placed.webhook).toEqual({ url: `${receiver.baseUrl}/twilio/incoming`, status: 200, body: ENQUEUE_TWIML });

    const incoming = receiver.forCall(placed.callSid).find((cb) => cb.path === '/twilio/incoming')!;
    expect(twilio.validateRequest(AUTH_TOKEN, incoming.signature, incoming.url, incoming.params)).toBe(true);
    expect(incoming.params).toEqual({
      CallSid: placed.callSid,
      AccountSid: ACCOUNT_SID,
      From: '+15557770031',
      To: '+15550001000',
      Caller: '+15557770031',
      Called: '+15550001000',
      CallStatus: 'ringing',
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
      CallerName: 'Ada Lovelace',
    });

    const waiting = await debugView(sim.url, placed.callSid);
    expect(waiting).toMatchObject({ direction: 'inbound', queue: 'waiting', twiml: ENQUEUE_TWIML });
    expect(waiting.resource).toMatchObject({ status: 'in-progress', direction: 'inbound' });
    const [answered] = await statusCallbacks(placed.callSid, 1);
    expect(answered!.params).toMatchObject({ CallStatus: 'in-progress', Direction: 'inbound', SequenceNumber: '0' });

    const accepted = await client.calls(placed.callSid).update({ twiml: BRIDGE_TWIML });
    expect(accepted.status).toBe('in-progress');
    const talking = await debugView(sim.url, placed.callSid);
    expect(talking).toMatchObject({ queue: 'accepted', twiml: BRIDGE_TWIML });

    const callbacks = await statusCallbacks(placed.callSid, 2);
    expect(callbacks.map((cb) => [cb.params.CallStatus, cb.params.SequenceNumber])).toEqual([
      ['in-progress', '0'],
      ['completed', '1'],
    ]);
    for (const cb of callbacks) expect(twilio.validateRequest(AUTH_TOKEN, cb.signature, cb.url, cb.params)).toBe(true);
    const done = await debugView(sim.url, placed.callSid);
    // Answer to end: the time waited in the queue, then 2 + 3 seconds of talk (second-to-last digit of From).
    const seconds = done.queueWaitSeconds! + 5;
    expect(callbacks[1]!.params).toMatchObject({
      CallDuration: String(seconds),
      Duration: String(Math.ceil(seconds / 60)),
      Direction: 'inbound',
      From: '+15557770031',
      To: '+15550001000',
    });
    expect(done.resource).toMatchObject({ status: 'completed', duration: String(seconds) });
  });

  it('a redirect with a Url also accepts a waiting caller', async () => {
    const placed = await placeInbound(sim.url, { from: '+15557770001', to: '+15550001000' });
    await client.calls(placed.callSid).update({ url: 'http://example.test/twilio/bridge?queue=support', method: 'POST' });
    await statusCallbacks(placed.callSid, 2);
    const done = await debugView(sim.url, placed.callSid);
    expect(done).toMatchObject({ queue: 'accepted', twiml: null, resource: { status: 'completed' } });
  });

  it('a caller rejected while waiting (Status=completed) ends with the time waited so far', async () => {
    const placed = await placeInbound(sim.url, { from: '+15557770031', to: '+15550001000' });
    await statusCallbacks(placed.callSid, 1);
    const ended = await client.calls(placed.callSid).update({ status: 'completed' });
    expect(ended.status).toBe('completed');
    const callbacks = await statusCallbacks(placed.callSid, 2);
    expect(callbacks[1]!.params).toMatchObject({ CallStatus: 'completed', SequenceNumber: '1', CallDuration: ended.duration });
    // Hung up long before the 600 nominal seconds this caller would wait.
    expect(Number(ended.duration)).toBeLessThan(600);
    expect((await debugView(sim.url, placed.callSid)).queue).toBe('rejected');
  });

  it('a caller nobody accepts hangs up after the max wait, reported to the number status callback', async () => {
    const placed = await placeInbound(impatient.url, { from: '+15557770031', to: '+15550001000' });
    const callbacks = await statusCallbacks(placed.callSid, 2, '/numbers/status');
    expect(callbacks[0]!.url).toBe(`${receiver.baseUrl}/numbers/status?number=main`);
    expect(callbacks.map((cb) => cb.params.CallStatus)).toEqual(['in-progress', 'completed']);
    expect(callbacks[1]!.params.CallDuration).toBe('3');
    expect(twilio.validateRequest(AUTH_TOKEN, callbacks[1]!.signature, callbacks[1]!.url, callbacks[1]!.params)).toBe(true);
    expect((await debugView(impatient.url, placed.callSid)).queue).toBe('abandoned');
  });

  it('TwiML without Enqueue answers the call and ends it at once', async () => {
    receiver.replyTo('/twilio/incoming', { body: '<Response><Say>Closed</Say><Hangup/></Response>' });
    const placed = await placeInbound(sim.url, { from: '+15557770031', to: '+15550001000' });
    const callbacks = await statusCallbacks(placed.callSid, 2);
    expect(callbacks.map((cb) => [cb.params.CallStatus, cb.params.CallDuration])).toEqual([
      ['in-progress', undefined],
      ['completed', '0'],
    ]);
    expect((await debugView(sim.url, placed.callSid)).queue).toBeNull();
  });

  it('a webhook that answers non-2xx fails the call', async () => {
    receiver.replyTo('/twilio/incoming', { status: 500, body: 'boom' });
    const placed = await placeInbound(sim.url, { from: '+15557770031', to: '+15550001000' });
    expect(placed.webhook).toMatchObject({ status: 500, body: 'boom' });
    const [terminal] = await statusCallbacks(placed.callSid, 1);
    expect(terminal!.params).toMatchObject({ CallStatus: 'failed', CallDuration: '0', SequenceNumber: '0' });
  });

  it('redirecting a call that has ended is refused with 21220', async () => {
    receiver.replyTo('/twilio/incoming', { body: '<Response><Hangup/></Response>' });
    const placed = await placeInbound(sim.url, { from: '+15557770031', to: '+15550001000' });
    await statusCallbacks(placed.callSid, 2);
    const refusal = await client
      .calls(placed.callSid)
      .update({ twiml: BRIDGE_TWIML })
      .catch((err: unknown) => err);
    expect(refusal).toMatchObject({ status: 400, code: 21220 });
  });
});
