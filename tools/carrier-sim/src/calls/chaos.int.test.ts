import { waitFor } from '@dialwave/testkit';
import twilio from 'twilio';
import { startCarrierSim, type RunningCarrierSim, type StartCarrierSimOptions } from '../index';
import { startCallbackReceiver, type CallbackReceiver } from '../testing/callback-receiver';
import { simTwilioClient } from '../testing/sim-twilio-client';

const ACCOUNT_SID = 'AC11111111111111111111111111111111';
const AUTH_TOKEN = 'chaos-test-token';

describe('chaos knobs', () => {
  let receiver: CallbackReceiver;
  const sims: RunningCarrierSim[] = [];

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
  });

  afterAll(async () => {
    await Promise.all(sims.map((sim) => sim.close()));
    await receiver.close();
  });

  /** Places one fully-observed call on a fresh sim and returns the callbacks in arrival order. */
  async function callThrough(options: StartCarrierSimOptions, to = '+15550000001') {
    const sim = await startCarrierSim({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, timeScale: 0.01, ...options });
    sims.push(sim);
    const client = simTwilioClient(sim.url, ACCOUNT_SID, AUTH_TOKEN);
    const call = await client.calls.create({
      to,
      from: '+15550001000',
      url: 'http://127.0.0.1:9/twiml',
      statusCallback: `${receiver.baseUrl}/twilio/status`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    await waitFor(async () => (await client.calls(call.sid).fetch()).status === 'completed', { what: 'completed' });
    await sim.simulator.sender.idle();
    const callbacks = receiver.forCall(call.sid);
    for (const cb of callbacks) expect(twilio.validateRequest(AUTH_TOKEN, cb.signature, cb.url, cb.params)).toBe(true);
    return callbacks.map((cb) => `${cb.params.SequenceNumber}:${cb.params.CallStatus}`);
  }

  it('SIM_DUPLICATE_RATE=1 delivers every callback twice with the same SequenceNumber', async () => {
    expect(await callThrough({ duplicateRate: 1 })).toEqual([
      '0:initiated',
      '0:initiated',
      '1:ringing',
      '1:ringing',
      '2:in-progress',
      '2:in-progress',
      '3:completed',
      '3:completed',
    ]);
  });

  it('SIM_REORDER_RATE=1 delivers each pair of callbacks out of order', async () => {
    expect(await callThrough({ reorderRate: 1 })).toEqual(['1:ringing', '0:initiated', '3:completed', '2:in-progress']);
  });

  it('SIM_DROP_RATE=1 drops every non-terminal callback but never the terminal one', async () => {
    expect(await callThrough({ dropRate: 1 })).toEqual(['0:completed']);
  });

  it('a seeded random source makes mixed chaos reproducible, and the terminal callback always arrives', async () => {
    const options = { duplicateRate: 0.5, reorderRate: 0.5, dropRate: 0.3, seed: 42 };
    const first = await callThrough(options);
    const second = await callThrough(options);
    expect(second).toEqual(first);
    expect(first.some((cb) => cb.endsWith(':completed'))).toBe(true);
    // The seed must actually produce some chaos, or this test would prove nothing.
    expect(first).not.toEqual(['0:initiated', '1:ringing', '2:in-progress', '3:completed']);
  });
});
