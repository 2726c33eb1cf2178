import { waitFor } from '@dialwave/testkit';
import twilio from 'twilio';
import { startCarrierSim, type RunningCarrierSim } from '../index';
import { startCallbackReceiver, type CallbackReceiver } from '../testing/callback-receiver';
import { simTwilioClient } from '../testing/sim-twilio-client';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'outcomes-test-token';
const ALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

describe('call outcomes by the last digit of To', () => {
  let sim: RunningCarrierSim;
  let receiver: CallbackReceiver;
  let client: twilio.Twilio;

  beforeAll(async () => {
    sim = await startCarrierSim({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, timeScale: 0.01 });
    receiver = await startCallbackReceiver();
    client = simTwilioClient(sim.url, ACCOUNT_SID, AUTH_TOKEN);
  });

  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  async function dial(to: string, extra: Record<string, unknown> = {}) {
    const call = await client.calls.create({
      to,
      from: '+15550001000',
      url: 'http://127.0.0.1:9/twiml',
      statusCallback: `${receiver.baseUrl}/twilio/status?callId=${encodeURIComponent(to)}`,
      statusCallbackEvent: ALL_EVENTS,
      ...extra,
    });
    return call;
  }

  async function terminalCallbacks(callSid: string, count: number) {
    return waitFor(
      () => {
        const callbacks = receiver.forCall(callSid);
        return callbacks.length >= count && callbacks;
      },
      { what: `${count} callbacks for ${callSid}` },
    );
  }

  it.each([
    ['0', 2],
    ['1', 2],
    ['2', 2],
    ['3', 2],
    ['4', 2],
    ['40', 6],
    ['93', 11],
  ])('a number ending in %s is answered by a person and completes after %i nominal seconds', async (suffix, seconds) => {
    const call = await dial(`+1555000${suffix.padStart(4, '0')}`);
    const callbacks = await terminalCallbacks(call.sid, 4);
    expect(callbacks.map((cb) => cb.params.CallStatus)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(callbacks.map((cb) => cb.params.SequenceNumber)).toEqual(['0', '1', '2', '3']);
    const terminal = callbacks[3]!.params;
    expect(terminal.CallDuration).toBe(String(seconds));
    expect(terminal.Duration).toBe('1');
    expect(callbacks.every((cb) => cb.params.AnsweredBy === undefined)).toBe(true);
  });

  it('a person answering reports AnsweredBy=human on in-progress and terminal callbacks when detection was asked for', async () => {
    const call = await dial('+15550000002', { machineDetection: 'Enable' });
    const callbacks = await terminalCallbacks(call.sid, 4);
    expect(callbacks.map((cb) => cb.params.AnsweredBy)).toEqual([undefined, undefined, 'human', 'human']);
    const fetched = await client.calls(call.sid).fetch();
    expect(fetched.answeredBy).toBe('human');
  });

  it('a number ending in 5 is answered by a machine for 3 s and reports machine_start', async () => {
    const call = await dial('+15550000095', { machineDetection: 'Enable' });
    const callbacks = await terminalCallbacks(call.sid, 4);
    expect(callbacks.map((cb) => cb.params.CallStatus)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(callbacks.map((cb) => cb.params.AnsweredBy)).toEqual([undefined, undefined, 'machine_start', 'machine_start']);
    expect(callbacks[3]!.params.CallDuration).toBe('3');
  });

  it('a number ending in 6 rings and ends as no-answer with zero duration', async () => {
    const call = await dial('+15550000006', { machineDetection: 'Enable' });
    const callbacks = await terminalCallbacks(call.sid, 3);
    expect(callbacks.map((cb) => cb.params.CallStatus)).toEqual(['initiated', 'ringing', 'no-answer']);
    expect(callbacks.map((cb) => cb.params.SequenceNumber)).toEqual(['0', '1', '2']);
    expect(callbacks[2]!.params).toMatchObject({ CallDuration: '0', Duration: '0' });
    expect(callbacks[2]!.params.AnsweredBy).toBeUndefined();
  });

  it.each([
    ['7', 'busy'],
    ['8', 'failed'],
  ])('a number ending in %s sends initiated then %s', async (digit, status) => {
    const call = await dial(`+1555000000${digit}`);
    const callbacks = await terminalCallbacks(call.sid, 2);
    expect(callbacks.map((cb) => cb.params.CallStatus)).toEqual(['initiated', status]);
    expect(callbacks.map((cb) => cb.params.SequenceNumber)).toEqual(['0', '1']);
    expect(callbacks[1]!.params.CallDuration).toBe('0');
    const fetched = await client.calls(call.sid).fetch();
    expect(fetched.status).toBe(status);
  });

  it('a number ending in 9 is refused with HTTP 400 and Twilio error 21211', async () => {
    const refusal = await dial('+15550000009').catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(twilio.RestException);
    expect(refusal).toMatchObject({ status: 400, code: 21211 });
  });

  it('every callback is a signed form POST that twilio.validateRequest accepts', async () => {
    const call = await dial('+15550000011', { machineDetection: 'Enable' });
    const callbacks = await terminalCallbacks(call.sid, 4);
    for (const cb of callbacks) {
      expect(cb.contentType).toContain('application/x-www-form-urlencoded');
      expect(cb.url).toContain('?callId=');
      expect(twilio.validateRequest(AUTH_TOKEN, cb.signature, cb.url, cb.params)).toBe(true);
      expect(twilio.validateRequest('some-other-token', cb.signature, cb.url, cb.params)).toBe(false);
    }
    expect(callbacks[0]!.params).toMatchObject({
      CallSid: call.sid,
      AccountSid: ACCOUNT_SID,
      From: '+15550001000',
      To: '+15550000011',
      Direction: 'outbound-api',
      ApiVersion: '2010-04-01',
      CallbackSource: 'call-progress-events',
    });
    expect(callbacks[0]!.params.Timestamp).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  });

  it('without StatusCallbackEvent only the completed callback is sent, numbered 0', async () => {
    const call = await client.calls.create({
      to: '+15550000001',
      from: '+15550001000',
      twiml: '<Response><Say>hi</Say></Response>',
      statusCallback: `${receiver.baseUrl}/twilio/status`,
    });
    await waitFor(async () => (await client.calls(call.sid).fetch()).status === 'completed', { what: 'completion' });
    await sim.simulator.sender.idle();
    const callbacks = receiver.forCall(call.sid);
    expect(callbacks.map((cb) => [cb.params.CallStatus, cb.params.SequenceNumber])).toEqual([['completed', '0']]);
  });

  it('SequenceNumber counts only the callbacks sent when some events were not asked for', async () => {
    const call = await dial('+15550000006', { statusCallbackEvent: ['ringing', 'completed'] });
    const callbacks = await terminalCallbacks(call.sid, 2);
    expect(callbacks.map((cb) => [cb.params.CallStatus, cb.params.SequenceNumber])).toEqual([
      ['ringing', '0'],
      ['no-answer', '1'],
    ]);
  });

  it('a GET status callback carries its parameters in the signed query string', async () => {
    const call = await dial('+15550000007', { statusCallbackMethod: 'GET' });
    const callbacks = await terminalCallbacks(call.sid, 2);
    for (const cb of callbacks) expect(twilio.validateRequest(AUTH_TOKEN, cb.signature, cb.url, {})).toBe(true);
    expect(callbacks[1]!.params.CallStatus).toBe('busy');
  });
});
