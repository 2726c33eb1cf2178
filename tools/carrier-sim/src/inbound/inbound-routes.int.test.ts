import twilio from 'twilio';
import { waitFor } from '@dialwave/testkit';
import { startCarrierSim, type RunningCarrierSim } from '../index';
import { startCallbackReceiver, type CallbackReceiver } from '../testing/callback-receiver';

const ACCOUNT_SID = 'AC33333333333333333333333333333333';
const AUTH_TOKEN = 'inbound-test-token';

describe('POST /sim/inbound', () => {
  let receiver: CallbackReceiver;
  let sim: RunningCarrierSim;
  let unconfigured: RunningCarrierSim;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    sim = await startCarrierSim({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, inboundWebhookBaseUrl: receiver.baseUrl });
    unconfigured = await startCarrierSim({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  });

  afterAll(async () => {
    await sim.close();
    await unconfigured.close();
    await receiver.close();
  });

  const placeInbound = (base: string, body: unknown) =>
    fetch(`${base}/sim/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('announces an inbound call to <webhook base>/twilio/incoming as a signed Twilio form POST', async () => {
    const response = await placeInbound(sim.url, { from: '+15557770001', to: '+15550001000' });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { callSid: string; webhook: { status: number; body: string } };
    expect(body.callSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(body.webhook).toMatchObject({ status: 200, body: '<Response/>' });
    const incoming = await waitFor(() => receiver.forCall(body.callSid)[0], { what: 'incoming webhook' });
    expect(incoming.url).toBe(`${receiver.baseUrl}/twilio/incoming`);
    expect(incoming.params).toMatchObject({
      From: '+15557770001',
      To: '+15550001000',
      Direction: 'inbound',
      CallStatus: 'ringing',
      AccountSid: ACCOUNT_SID,
    });
    expect(twilio.validateRequest(AUTH_TOKEN, incoming.signature, incoming.url, incoming.params)).toBe(true);
  });

  it('refuses a body without from and to', async () => {
    const response = await placeInbound(sim.url, { from: '+15557770001' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('answers 501 when no inbound webhook is configured', async () => {
    const response = await placeInbound(unconfigured.url, { from: '+15557770001', to: '+15550001000' });
    expect(response.status).toBe(501);
  });
});
