import { startCarrierSim, DEV_TWILIO_ACCOUNT_SID, DEV_TWILIO_AUTH_TOKEN, type RunningCarrierSim } from '@dialwave/carrier-sim';
import { createTestDatabase, waitFor, type TestDatabase } from '@dialwave/testkit';
import { DialerHarness } from '../testing/dialer-harness';
import { startSimStatusReceiver, type SimStatusReceiver } from '../testing/sim-status-receiver';
import { buildProviderRegistry } from '@dialwave/providers';

let db: TestDatabase;
let harness: DialerHarness;
let sim: RunningCarrierSim;
let receiver: SimStatusReceiver;

beforeAll(async () => {
  db = await createTestDatabase();
  sim = await startCarrierSim({ timeScale: 0.01 });
  harness = new DialerHarness(db);
  receiver = await startSimStatusReceiver(harness.campaignDeps, DEV_TWILIO_AUTH_TOKEN);
});

afterAll(async () => {
  await harness.close();
  await sim.close();
  await receiver.close();
  await db.drop();
});

describe('dialing through the real Twilio provider against the carrier simulator', () => {
  it('places every call once and ends each lead as the simulator’s number table says', async () => {
    const providers = buildProviderRegistry({
      twilioAccountSid: DEV_TWILIO_ACCOUNT_SID,
      twilioAuthToken: DEV_TWILIO_AUTH_TOKEN,
      simulatorUrl: sim.url,
    });
    const dialer = harness.addDialer({ publicWebhookUrl: receiver.url }, providers);
    await dialer.workers.start();
    // Last digit decides the outcome: 1 answered (talk 2 + 3 s), 5 machine, 6 no-answer, 7 busy, 8 failed, 9 refused.
    const { campaignId, leads } = await harness.seedCampaign({
      phones: ['+14155550131', '+14155550105', '+14155550106', '+14155550107', '+14155550108', '+14155550109'],
      maxConcurrentCalls: 3,
    });

    await waitFor(async () => (await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === 'COMPLETED', {
      what: 'the campaign to complete',
      timeoutMs: 20_000,
    });
    const calls = await db.prisma.call.findMany({ where: { campaignId } });
    const byPhone = Object.fromEntries(calls.map((call) => [call.toNumber, call]));
    expect(calls).toHaveLength(6);
    expect(byPhone['+14155550131']).toMatchObject({ status: 'COMPLETED', durationSeconds: 5, answeredBy: 'human' });
    expect(byPhone['+14155550105']).toMatchObject({ status: 'COMPLETED', answeredBy: 'machine_start' });
    expect(byPhone['+14155550106']).toMatchObject({ status: 'MISSED', durationSeconds: 0 });
    expect(byPhone['+14155550107']).toMatchObject({ status: 'BUSY' });
    expect(byPhone['+14155550108']).toMatchObject({ status: 'FAILED' });
    expect(byPhone['+14155550109']).toMatchObject({ status: 'FAILED', providerCallSid: null });
    expect(byPhone['+14155550109']!.failureReason).toMatch(/^provider error 21211: /);
    expect(receiver.rejectedSignatures).toEqual([]);

    // The job fails just after its call completed the campaign: wait for BullMQ to record it.
    const refusedJob = await waitFor(
      async () => {
        const job = await harness.campaignDeps.dialQueue.getJob(`${campaignId}-${leads[5]!.id}-1`);
        return job?.failedReason ? job : undefined;
      },
      { what: 'the refused dial job to fail' },
    );
    expect(refusedJob.failedReason).toBe(byPhone['+14155550109']!.failureReason);
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      completedLeads: 6,
      // The machine-answered call (…5) is a voicemail, counted apart from the person's.
      successfulCalls: 1,
      voicemailCalls: 1,
      missedCalls: 2,
      failedCalls: 2,
    });
    // The lead lifecycle follows each final call.
    const statusOf = async (phone: string) => (await db.prisma.lead.findFirstOrThrow({ where: { phone } })).status;
    expect(await statusOf('+14155550131')).toBe('CONTACTED');
    expect(await statusOf('+14155550105')).toBe('VOICEMAIL');
    expect(await statusOf('+14155550107')).toBe('NO_ANSWER');
    expect(await statusOf('+14155550109')).toBe('BAD_NUMBER');
  });
});
