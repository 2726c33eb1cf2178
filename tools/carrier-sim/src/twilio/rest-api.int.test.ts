import { waitFor } from '@dialwave/testkit';
import twilio from 'twilio';
import { startCarrierSim, type RunningCarrierSim } from '../index';
import { startCallbackReceiver, type CallbackReceiver } from '../testing/callback-receiver';
import { simTwilioClient } from '../testing/sim-twilio-client';

const ACCOUNT_SID = 'ACfedcba9876543210fedcba9876543210';
const AUTH_TOKEN = 'rest-test-token';

describe('Twilio REST subset', () => {
  let sim: RunningCarrierSim;
  let receiver: CallbackReceiver;
  let client: twilio.Twilio;

  beforeAll(async () => {
    // 0.03: a ringing or talking window stays open long enough for a polling SDK fetch to see it on a busy machine.
    sim = await startCarrierSim({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, timeScale: 0.03 });
    receiver = await startCallbackReceiver();
    client = simTwilioClient(sim.url, ACCOUNT_SID, AUTH_TOKEN);
  });

  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  const basicAuth = (sid: string, token: string) => `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;

  function postForm(path: string, form: Record<string, string>, authorization = basicAuth(ACCOUNT_SID, AUTH_TOKEN)) {
    return fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  it('creating a call answers 201 with the queued call resource in snake_case', async () => {
    const response = await postForm(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, {
      To: '+15550000001',
      From: '+15550001000',
      Url: 'http://127.0.0.1:9/twiml',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 'queued',
      to: '+15550000001',
      from: '+15550001000',
      direction: 'outbound-api',
      account_sid: ACCOUNT_SID,
      api_version: '2010-04-01',
      duration: null,
      price: null,
      answered_by: null,
    });
    expect(body.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(body.uri).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${String(body.sid)}.json`);
    expect(body.date_created).toMatch(/\+0000$/);
  });

  it('the SDK reads the created call like a real Twilio call', async () => {
    const call = await client.calls.create({ to: '+15550000001', from: '+15550001000', url: 'http://127.0.0.1:9/twiml' });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call.status).toBe('queued');
    expect(call.dateCreated).toBeInstanceOf(Date);
    expect(call.dateCreated.getTime()).not.toBeNaN();
  });

  it('lists calls filtered by To and From, newest first, through the SDK', async () => {
    const first = await client.calls.create({ to: '+15550000071', from: '+15550007000', url: 'http://127.0.0.1:9/twiml' });
    const second = await client.calls.create({ to: '+15550000071', from: '+15550007000', url: 'http://127.0.0.1:9/twiml' });
    await client.calls.create({ to: '+15550000072', from: '+15550007000', url: 'http://127.0.0.1:9/twiml' });
    const listed = await client.calls.list({ to: '+15550000071', from: '+15550007000', limit: 20 });
    expect(listed.map((call) => call.sid)).toEqual([second.sid, first.sid]);
    expect(await client.calls.list({ to: '+15550000079', limit: 20 })).toEqual([]);
  });

  it('bad credentials are refused with 401 and Twilio error 20003, which the SDK raises as RestException', async () => {
    const intruder = simTwilioClient(sim.url, ACCOUNT_SID, 'wrong-token');
    const refusal = await intruder.calls
      .create({ to: '+15550000001', from: '+15550001000', url: 'http://127.0.0.1:9/twiml' })
      .catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(twilio.RestException);
    expect(refusal).toMatchObject({ status: 401, code: 20003 });
  });

  it('error bodies have exactly code, message, more_info and status', async () => {
    const response = await postForm(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, { To: '+1' }, 'Basic bm9wZQ==');
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['code', 'message', 'more_info', 'status']);
    expect(body).toMatchObject({ code: 20003, status: 401, more_info: 'https://www.twilio.com/docs/errors/20003' });
  });

  it('valid credentials on another account path are answered 404 with code 20404', async () => {
    const response = await postForm('/2010-04-01/Accounts/AC00000000000000000000000000000000/Calls.json', {
      To: '+15550000001',
      From: '+15550001000',
      Url: 'http://127.0.0.1:9/twiml',
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 20404, status: 404 });
  });

  it('a create without To or From is refused with a Twilio 400 error naming it', async () => {
    const noTo = await postForm(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, { From: '+1555', Url: 'http://x.test' });
    expect(noTo.status).toBe(400);
    expect(await noTo.json()).toMatchObject({ code: 21201, status: 400 });
    const noFrom = await postForm(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`, { To: '+1555', Url: 'http://x.test' });
    expect(noFrom.status).toBe(400);
    expect(await noFrom.json()).toMatchObject({ code: 21213, status: 400 });
  });

  it('fetch returns the current status and, once over, the nominal duration', async () => {
    const call = await client.calls.create({ to: '+15550000092', from: '+15550001000', url: 'http://127.0.0.1:9/twiml' });
    const live = await waitFor(
      async () => {
        const fetched = await client.calls(call.sid).fetch();
        return fetched.status === 'in-progress' && fetched;
      },
      { what: 'in-progress' },
    );
    expect(live.duration).toBeNull();
    const done = await waitFor(
      async () => {
        const fetched = await client.calls(call.sid).fetch();
        return fetched.status === 'completed' && fetched;
      },
      { what: 'completed' },
    );
    expect(done.duration).toBe('11');
    expect(done.endTime).toBeInstanceOf(Date);
  });

  it('fetching an unknown call is 404 with code 20404', async () => {
    const missing = await client
      .calls('CA00000000000000000000000000000000')
      .fetch()
      .catch((err: unknown) => err);
    expect(missing).toMatchObject({ status: 404, code: 20404 });
  });

  it('hanging up a live call with Status=completed ends it and reports nominal talk time so far', async () => {
    const call = await client.calls.create({
      to: '+15550000090',
      from: '+15550001000',
      url: 'http://127.0.0.1:9/twiml',
      statusCallback: `${receiver.baseUrl}/twilio/status`,
      statusCallbackEvent: ['answered', 'completed'],
    });
    await waitFor(() => receiver.forCall(call.sid).length >= 1, { what: 'answered callback' });
    const ended = await client.calls(call.sid).update({ status: 'completed' });
    expect(ended.status).toBe('completed');
    const callbacks = await waitFor(
      () => {
        const received = receiver.forCall(call.sid);
        return received.length >= 2 && received;
      },
      { what: 'terminal callback' },
    );
    expect(callbacks.map((cb) => cb.params.CallStatus)).toEqual(['in-progress', 'completed']);
    const talked = Number(callbacks[1]!.params.CallDuration);
    // Hung up well before the 11 nominal seconds the number would talk for.
    expect(talked).toBeLessThan(11);
    expect(String(talked)).toBe(ended.duration);
    expect(twilio.validateRequest(AUTH_TOKEN, callbacks[1]!.signature, callbacks[1]!.url, callbacks[1]!.params)).toBe(true);
  });

  it('cancelling a ringing call ends it as canceled with zero duration', async () => {
    const call = await client.calls.create({
      to: '+15550000006',
      from: '+15550001000',
      url: 'http://127.0.0.1:9/twiml',
      statusCallback: `${receiver.baseUrl}/twilio/status`,
    });
    await waitFor(async () => (await client.calls(call.sid).fetch()).status === 'ringing', { what: 'ringing' });
    const canceled = await client.calls(call.sid).update({ status: 'canceled' });
    expect(canceled.status).toBe('canceled');
    const [terminal] = await waitFor(
      () => {
        const received = receiver.forCall(call.sid);
        return received.length >= 1 && received;
      },
      { what: 'canceled callback' },
    );
    expect(terminal!.params).toMatchObject({ CallStatus: 'canceled', CallDuration: '0', SequenceNumber: '0' });
  });

  it('hanging up a call that has already ended is refused with 21220', async () => {
    const call = await client.calls.create({ to: '+15550000008', from: '+15550001000', url: 'http://127.0.0.1:9/twiml' });
    await waitFor(async () => (await client.calls(call.sid).fetch()).status === 'failed', { what: 'failed' });
    const refusal = await client
      .calls(call.sid)
      .update({ status: 'completed' })
      .catch((err: unknown) => err);
    expect(refusal).toMatchObject({ status: 400, code: 21220 });
  });

  it('the debug view shows a call with the callbacks it sent and their payloads', async () => {
    const call = await client.calls.create({
      to: '+15550000007',
      from: '+15550001000',
      url: 'http://127.0.0.1:9/twiml',
      statusCallback: `${receiver.baseUrl}/twilio/status`,
      statusCallbackEvent: ['initiated', 'completed'],
    });
    await waitFor(() => receiver.forCall(call.sid).length >= 2, { what: 'callbacks' });
    const response = await fetch(`${sim.url}/sim/calls/${call.sid}`);
    const view = (await response.json()) as { resource: { status: string }; callbacks: Record<string, unknown>[] };
    expect(view.resource.status).toBe('busy');
    expect(view.callbacks).toHaveLength(2);
    expect(view.callbacks[1]).toMatchObject({
      event: 'completed',
      sequenceNumber: 1,
      dropped: false,
      params: { CallStatus: 'busy', CallDuration: '0', SequenceNumber: '1' },
      deliveries: [{ attempt: 1, httpStatus: 200 }],
    });
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${sim.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
