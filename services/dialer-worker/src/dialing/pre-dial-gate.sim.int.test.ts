import { startCarrierSim, DEV_TWILIO_ACCOUNT_SID, DEV_TWILIO_AUTH_TOKEN, type RunningCarrierSim } from '@dialwave/carrier-sim';
import { addToDncList } from '@dialwave/domain';
import { buildProviderRegistry } from '@dialwave/providers';
import { createTestDatabase, waitFor, type TestDatabase } from '@dialwave/testkit';
import { DialerHarness } from '../testing/dialer-harness';
import { startSimStatusReceiver, type SimStatusReceiver } from '../testing/sim-status-receiver';
import { DIAL_SKIPPED_EVENT } from './skip-before-dial';

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

/** The simulator's own record of the calls it was asked to place (Twilio's Calls list, as the SDK reads it). */
async function carrierCallsTo(to: string): Promise<unknown[]> {
  const auth = Buffer.from(`${DEV_TWILIO_ACCOUNT_SID}:${DEV_TWILIO_AUTH_TOKEN}`).toString('base64');
  const res = await fetch(`${sim.url}/2010-04-01/Accounts/${DEV_TWILIO_ACCOUNT_SID}/Calls.json?To=${encodeURIComponent(to)}`, {
    headers: { authorization: `Basic ${auth}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { calls: unknown[] }).calls;
}

describe('the pre-dial gate', () => {
  it('skips leads that became non-dialable, with the reason, and never sends them to the carrier; the campaign still completes', async () => {
    const providers = buildProviderRegistry({
      twilioAccountSid: DEV_TWILIO_ACCOUNT_SID,
      twilioAuthToken: DEV_TWILIO_AUTH_TOKEN,
      simulatorUrl: sim.url,
    });
    // Leads stored before DIAL_ALLOWED_COUNTRIES was narrowed to US (and a premium-rate one from before the policy).
    const dialer = harness.addDialer(
      { publicWebhookUrl: receiver.url, destinationPolicy: { allowedCountries: new Set(['US']) } },
      providers,
    );
    await dialer.workers.start();
    const home = '+14155550131';
    const abroad = '+442079460950';
    const premium = '+19005551231';
    const { campaignId, leads } = await harness.seedCampaign({ phones: [home, abroad, premium], maxConcurrentCalls: 3 });

    const campaign = await waitFor(
      async () => {
        const row = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
        return row.status === 'COMPLETED' ? row : undefined;
      },
      { what: 'the campaign to complete', timeoutMs: 20_000 },
    );
    // Leads the gate skips are not calls: they count in skippedLeads, and complete the campaign with the rest.
    expect(campaign).toMatchObject({ totalLeads: 3, completedLeads: 1, skippedLeads: 2, successfulCalls: 1, failedCalls: 0 });

    const calls = Object.fromEntries((await db.prisma.call.findMany({ where: { campaignId } })).map((call) => [call.toNumber, call]));
    expect(calls[home]).toMatchObject({ status: 'COMPLETED' });
    expect(calls[abroad]).toMatchObject({
      status: 'CANCELED',
      providerCallSid: null,
      failureReason: expect.stringMatching(/^not dialed: .*is in GB; this deployment dials only US/),
    });
    expect(calls[premium]).toMatchObject({
      status: 'CANCELED',
      providerCallSid: null,
      failureReason: expect.stringMatching(/^not dialed: .*premium-rate/),
    });

    const states = await db.prisma.campaignLead.findMany({ where: { campaignId }, select: { leadId: true, state: true } });
    const stateOf = (phone: string) => states.find((s) => s.leadId === leads.find((lead) => lead.phone === phone)!.id)?.state;
    expect([stateOf(home), stateOf(abroad), stateOf(premium)]).toEqual(['DONE', 'SKIPPED', 'SKIPPED']);

    const skipLog = await db.prisma.callLog.findFirstOrThrow({ where: { callId: calls[abroad]!.id, event: DIAL_SKIPPED_EVENT } });
    expect(skipLog).toMatchObject({ campaignId, details: expect.stringContaining('country-not-allowed') });
    expect(await db.prisma.callLog.count({ where: { callId: calls[abroad]!.id, event: 'dial:requested' } })).toBe(0);

    // The carrier heard of the allowed call only.
    expect(await carrierCallsTo(home)).toHaveLength(1);
    expect(await carrierCallsTo(abroad)).toEqual([]);
    expect(await carrierCallsTo(premium)).toEqual([]);
    expect(receiver.rejectedSignatures).toEqual([]);
    const skipped = await dialer.metrics.getSingleMetricAsString('dialer_dials_skipped_total');
    expect(skipped).toContain('dialer_dials_skipped_total{reason="country-not-allowed",service="dialer-worker"} 1');
    expect(skipped).toContain('dialer_dials_skipped_total{reason="premium-rate",service="dialer-worker"} 1');
  });

  it('never dials a number added to the do-not-call list while its lead waited in the hopper, and skips the lead with a log line', async () => {
    const providers = buildProviderRegistry({
      twilioAccountSid: DEV_TWILIO_ACCOUNT_SID,
      twilioAuthToken: DEV_TWILIO_AUTH_TOKEN,
      simulatorUrl: sim.url,
    });
    // The campaign starts with no dialer taking jobs: both leads sit QUEUED with their jobs in the queue.
    await Promise.all(harness.dialers.map((dialer) => dialer.workers.dialWorker.pause()));
    const { campaignId, user, leads } = await harness.seedCampaign({ phones: ['+14155550231', '+14155550241'] });
    const [kept, blocked] = leads as [(typeof leads)[number], (typeof leads)[number]];
    expect(await db.prisma.campaignLead.count({ where: { campaignId, state: 'QUEUED' } })).toBe(2);

    await db.prisma.$transaction((tx) => addToDncList(tx, user.id, [blocked.phone], 'API'));
    const dialer = harness.addDialer({ publicWebhookUrl: receiver.url }, providers);
    await dialer.workers.start();
    const campaign = await waitFor(
      async () => {
        const row = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
        return row.status === 'COMPLETED' ? row : undefined;
      },
      { what: 'the campaign to complete', timeoutMs: 20_000 },
    );

    // The carrier's own call list: the blocked number was never dialed.
    expect(await carrierCallsTo(kept.phone)).toHaveLength(1);
    expect(await carrierCallsTo(blocked.phone)).toEqual([]);
    expect(campaign).toMatchObject({ completedLeads: 1, skippedLeads: 1, successfulCalls: 1, failedCalls: 0 });
    expect(
      await db.prisma.campaignLead.findUniqueOrThrow({ where: { campaignId_leadId: { campaignId, leadId: blocked.id } } }),
    ).toMatchObject({
      state: 'SKIPPED',
      waitReason: 'dnc',
    });
    const skippedCall = await db.prisma.call.findFirstOrThrow({ where: { campaignId, leadId: blocked.id }, include: { logs: true } });
    expect(skippedCall).toMatchObject({
      status: 'CANCELED',
      providerCallSid: null,
      failureReason: expect.stringMatching(/^not dialed: .*do-not-call/),
    });
    expect(skippedCall.logs.map((log) => log.event)).toEqual([DIAL_SKIPPED_EVENT]);
    expect(await db.prisma.lead.findUniqueOrThrow({ where: { id: blocked.id } })).toMatchObject({ status: 'DO_NOT_CALL', attempts: 0 });
  });
});
