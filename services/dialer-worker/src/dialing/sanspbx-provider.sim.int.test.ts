import { startCallbackReceiver, startCarrierSim, type CallbackReceiver, type RunningCarrierSim } from '@dialwave/carrier-sim';
import { signCallToken } from '@dialwave/platform';
import { buildProviderRegistry } from '@dialwave/providers';
import { createTestDatabase, waitFor, type TestDatabase } from '@dialwave/testkit';
import { DialerHarness } from '../testing/dialer-harness';
import { TIMEOUT_FAILURE_REASON } from './reconcile-call';

let db: TestDatabase;
let harness: DialerHarness;
let sim: RunningCarrierSim;
let receiver: CallbackReceiver;

beforeAll(async () => {
  db = await createTestDatabase();
  // Real time: the talker below stays on the line for 11 s, well past the dialer's deadline.
  sim = await startCarrierSim({ timeScale: 1, callbackRetryDelaysMs: [] });
  // Records SansPBX's callback without applying it: the call never reports its end to the dialer.
  receiver = await startCallbackReceiver();
  harness = new DialerHarness(db);
});

afterAll(async () => {
  await harness.close();
  await sim.close();
  await receiver.close();
  await db.drop();
});

describe('a SansPBX call that never reports its end', () => {
  it('is disconnected through calldisconnect at its deadline and failed as timeout', async () => {
    const providers = buildProviderRegistry({
      twilioAccountSid: 'ACdeadbeefdeadbeefdeadbeefdeadbeef',
      twilioAuthToken: 'unused',
      simulatorUrl: sim.url,
      sansPbx: {
        baseUrl: `${sim.url}/sanspbx`,
        accessToken: 'dialwave-dev-sanspbx-access-token',
        accessKey: 'dialwave-dev-sanspbx-access-key',
        appId: 3,
      },
    });
    const dialer = harness.addDialer({ publicWebhookUrl: receiver.baseUrl, callDeadlineMs: 500 }, providers);
    await dialer.workers.start();
    const { campaignId } = await harness.seedCampaign({ phones: ['+919876543290'], provider: 'SANSPBX', callerId: '7180000' });

    const call = await waitFor(
      async () => {
        const found = await db.prisma.call.findFirst({ where: { campaignId } });
        return found?.status === 'FAILED' ? found : undefined;
      },
      { what: 'the silent call to be failed', timeoutMs: 15_000 },
    );

    expect(call).toMatchObject({ provider: 'SANSPBX', failureReason: TIMEOUT_FAILURE_REASON });
    expect(call.providerCallSid).toMatch(/^api-3-09876543290-\d+$/);
    const simCall = (await (await fetch(`${sim.url}/sim/sanspbx/calls/${call.providerCallSid}`)).json()) as {
      state: string;
      callerId: string;
    };
    // Disconnected by the dialer, not ended by its own 11 s plan.
    expect(simCall).toMatchObject({ state: 'ended', callerId: '7180000' });
    const callback = await waitFor(() => receiver.received.find((r) => r.url.includes(call.id)), {
      what: "SansPBX's callback of the disconnected call",
    });
    expect(new URL(callback.url).searchParams.get('token')).toBe(signCallToken('test-sanspbx-secret', call.id));
    expect(callback.json).toMatchObject({ callid: call.providerCallSid, custom_field: call.id });
  });
});
