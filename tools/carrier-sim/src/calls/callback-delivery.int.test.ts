import { waitFor } from '@dialwave/testkit';
import { startCarrierSim, type RunningCarrierSim } from '../index';
import { startCallbackReceiver, type CallbackReceiver } from '../testing/callback-receiver';
import { simTwilioClient } from '../testing/sim-twilio-client';

const ACCOUNT_SID = 'AC22222222222222222222222222222222';
const AUTH_TOKEN = 'delivery-test-token';

describe('status callback delivery', () => {
  let sim: RunningCarrierSim;
  let receiver: CallbackReceiver;

  beforeAll(async () => {
    sim = await startCarrierSim({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      timeScale: 0.01,
      callbackRetryDelaysMs: [5, 5, 5],
    });
    receiver = await startCallbackReceiver();
  });

  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  const client = () => simTwilioClient(sim.url, ACCOUNT_SID, AUTH_TOKEN);

  async function debugView(sid: string) {
    const response = await fetch(`${sim.url}/sim/calls/${sid}`);
    return (await response.json()) as { callbacks: { deliveries: { attempt: number; httpStatus?: number; error?: string }[] }[] };
  }

  it('a callback answered with 500 is retried until the receiver accepts it', async () => {
    receiver.failNext(2);
    const call = await client().calls.create({
      to: '+15550000007',
      from: '+15550001000',
      url: 'http://127.0.0.1:9/twiml',
      statusCallback: `${receiver.baseUrl}/twilio/status`,
    });
    const [busy] = await waitFor(
      () => {
        const received = receiver.forCall(call.sid);
        return received.length >= 1 && received;
      },
      { what: 'busy callback' },
    );
    expect(busy!.params).toMatchObject({ CallStatus: 'busy', SequenceNumber: '0' });
    const view = await debugView(call.sid);
    expect(view.callbacks[0]!.deliveries.map((d) => d.httpStatus)).toEqual([500, 500, 200]);
  });

  it('an unreachable receiver is retried, recorded and does not take the simulator down', async () => {
    const call = await client().calls.create({
      to: '+15550000008',
      from: '+15550001000',
      url: 'http://127.0.0.1:9/twiml',
      statusCallback: 'http://127.0.0.1:9/nobody-listens',
    });
    const view = await waitFor(
      async () => {
        const current = await debugView(call.sid);
        return current.callbacks[0]?.deliveries.length === 4 && current;
      },
      { what: 'four failed attempts' },
    );
    expect(view.callbacks[0]!.deliveries.every((d) => d.error !== undefined)).toBe(true);
    expect((await fetch(`${sim.url}/healthz`)).status).toBe(200);
  });
});
