import { dialJobId } from '@dialwave/contracts';
import { createTestDatabase, waitFor, type TestDatabase } from '@dialwave/testkit';
import { DialerHarness } from '../testing/dialer-harness';
import { SWEEP_SCHEDULER_ID } from '../jobs/dialer-workers';
import { settleCallsAfterOutage } from './settle-after-outage';
import { sweepCampaigns } from './sweep';

let db: TestDatabase;
let harness: DialerHarness;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.drop();
});

beforeEach(() => {
  harness = new DialerHarness(db);
});

afterEach(async () => {
  await harness.close();
});

describe('the sweep', () => {
  it('re-adds the job of a lead left QUEUED without one (crash between commit and enqueue)', async () => {
    const dialer = harness.addDialer();
    const { campaignId, leads } = await harness.seedCampaign({ phones: ['+14155550101', '+14155550102'], maxConcurrentCalls: 1 });
    const jobId = dialJobId(campaignId, leads[0]!.id, 1);
    await harness.campaignDeps.dialQueue.remove(jobId);
    expect(await harness.campaignDeps.dialQueue.getJob(jobId)).toBeUndefined();

    const result = await sweepCampaigns(dialer.dialing, harness.logger);
    expect(result.requeued).toBeGreaterThanOrEqual(1);
    expect(await harness.campaignDeps.dialQueue.getJobState(jobId)).toBe('waiting');
  });

  it('reconciles an overdue call whose job is gone, and frees its slot for the next lead', async () => {
    const dialer = harness.addDialer({ callDeadlineMs: 60_000 });
    await dialer.workers.start();
    const { campaignId, leads } = await harness.seedCampaign({ phones: ['+14155550201', '+14155550202'], maxConcurrentCalls: 1 });
    const dialing = await waitFor(() => db.prisma.call.findFirst({ where: { campaignId, status: 'DIALING' } }), { what: 'DIALING' });
    // The worker dies for good and its job is lost: nothing waits for this call any more.
    await dialer.workers.stop(0);
    await dialer.watcher.close();
    await harness.campaignDeps.dialQueue.obliterate({ force: true });
    harness.carrier.remoteStatus.set(dialing.providerCallSid!, { status: 'MISSED', durationSeconds: 0 });

    const sweeper = harness.addDialer({ callDeadlineMs: 0, overdueGraceMs: 0 });
    // The sweep covers every campaign in the database (other tests' too), so only this campaign is checked.
    await sweepCampaigns(sweeper.dialing, harness.logger);
    const call = await db.prisma.call.findFirstOrThrow({ where: { campaignId, leadId: leads[0]!.id }, include: { logs: true } });
    expect(call.status).toBe('MISSED');
    expect(call.logs.map((log) => log.event)).toContain('reconcile:missed');
    expect(harness.carrier.hangUps).not.toContain(dialing.providerCallSid);
    expect(await harness.campaignDeps.dialQueue.getJobState(dialJobId(campaignId, leads[1]!.id, 1))).toBe('waiting');
  });

  it('leaves alone an overdue call whose job is still active', async () => {
    const dialer = harness.addDialer({ callDeadlineMs: 60_000 });
    await dialer.workers.start();
    const { campaignId } = await harness.seedCampaign({ phones: ['+14155550301'] });
    await waitFor(() => db.prisma.call.findFirst({ where: { campaignId, status: 'DIALING' } }), { what: 'DIALING' });

    const sweeper = harness.addDialer({ callDeadlineMs: 0, overdueGraceMs: 0 });
    await sweepCampaigns(sweeper.dialing, harness.logger);
    expect(await db.prisma.call.findFirstOrThrow({ where: { campaignId } })).toMatchObject({ status: 'DIALING' });
  });

  it('settles calls open across an outage with the carrier once per recovery mark, and leaves live ones alone', async () => {
    const dialer = harness.addDialer({ callDeadlineMs: 600_000 });
    await dialer.workers.start();
    const { campaignId } = await harness.seedCampaign({ phones: ['+14155550401', '+14155550402', '+14155550403'], maxConcurrentCalls: 2 });
    const [lost, live] = await waitFor(
      async () => {
        const calls = await db.prisma.call.findMany({ where: { campaignId, status: 'DIALING' }, orderBy: { createdAt: 'asc' } });
        return calls.length === 2 ? calls : undefined;
      },
      { what: 'two calls DIALING' },
    );
    // The first call ended while its callback could not be taken (Redis away): only the carrier knows.
    harness.carrier.remoteStatus.set(lost!.providerCallSid!, { status: 'COMPLETED', durationSeconds: 7 });
    await dialer.dialing.recovery.mark();

    const settlement = await settleCallsAfterOutage(dialer.dialing, harness.logger);
    expect(settlement?.ended).toBe(1);
    expect(settlement?.live).toBeGreaterThanOrEqual(1);
    const settled = await db.prisma.call.findUniqueOrThrow({ where: { id: lost!.id }, include: { logs: true } });
    expect(settled).toMatchObject({ status: 'COMPLETED', durationSeconds: 7 });
    expect(settled.logs.map((log) => log.event)).toContain('reconcile:completed');
    expect(await db.prisma.call.findUniqueOrThrow({ where: { id: live!.id } })).toMatchObject({ status: 'DIALING' });
    expect(harness.carrier.hangUps).toEqual([]);
    // Its dial job woke up and gave the slot to the third lead.
    await waitFor(() => db.prisma.call.count({ where: { campaignId } }).then((n) => n === 3), { what: 'the third lead dialed' });
    // The mark is handled once.
    expect(await settleCallsAfterOutage(dialer.dialing, harness.logger)).toBeUndefined();
  });

  it('runs on its own schedule once the workers start', async () => {
    const dialer = harness.addDialer({ sweepIntervalMs: 200 });
    await dialer.workers.start();
    const schedulers = await dialer.workers.maintenanceQueue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain(SWEEP_SCHEDULER_ID);
    await waitFor(async () => (await dialer.workers.maintenanceQueue.getJobCountByTypes('completed')) >= 2, {
      what: 'two scheduled sweeps to complete',
    });
  });
});
