import { dialJobId } from '@dialwave/contracts';
import { applyCallStatusUpdate, pauseCampaign } from '@dialwave/domain';
import { signCallToken } from '@dialwave/platform';
import { createTestDatabase, waitFor, type TestDatabase } from '@dialwave/testkit';
import { DialerHarness } from '../testing/dialer-harness';
import { dialLead } from './dial-lead';
import { CallFailedError } from './dialing-deps';
import { SANSPBX_NOT_CONFIGURED, StaticProviderRegistry, UnsupportedProvider } from '@dialwave/providers';

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

const phones = (count: number, lastDigit = 1) =>
  Array.from({ length: count }, (_, i) => `+1415555${String(i).padStart(3, '0')}${lastDigit}`);

async function jobState(campaignId: string, leadId: string, attempt = 1) {
  const queue = harness.campaignDeps.dialQueue;
  const id = dialJobId(campaignId, leadId, attempt);
  // State first: a job read before its state is read may predate the move that state reports.
  const state = await queue.getJobState(id);
  const job = await queue.getJob(id);
  return job ? { state, failedReason: job.failedReason, job } : undefined;
}

describe('a dial job', () => {
  it('stays active while its call is live and completes once the terminal status arrives over pub/sub', async () => {
    const dialer = harness.addDialer();
    await dialer.workers.start();
    const { campaignId, leads, agent } = await harness.seedCampaign({ phones: phones(1) });

    const placed = await waitFor(() => harness.carrier.calls[0], { what: 'the call to be dialed' });
    const call = await waitFor(() => db.prisma.call.findFirst({ where: { campaignId, status: 'DIALING' } }), { what: 'DIALING' });
    expect(placed.request).toMatchObject({
      callId: call.id,
      to: leads[0]!.phone,
      from: agent.fromNumber,
      statusCallbackUrl: `http://hooks.example.test/twilio/status?callId=${call.id}`,
      answerUrl: `http://hooks.example.test/twilio/voice?callId=${call.id}`,
      timeoutSeconds: 30,
    });
    expect(call).toMatchObject({ providerCallSid: placed.sid, direction: 'OUTBOUND', attempt: 1, toNumber: leads[0]!.phone });
    expect(await db.prisma.campaignLead.findFirst({ where: { campaignId } })).toMatchObject({ state: 'IN_PROGRESS', lastCallId: call.id });

    await harness.carrier.callback(placed.sid, 'ANSWERED');
    expect((await jobState(campaignId, leads[0]!.id))?.state).toBe('active');

    await harness.carrier.end(placed.sid, 'COMPLETED', 12);
    await waitFor(async () => (await jobState(campaignId, leads[0]!.id))?.state === 'completed', { what: 'job completed' });
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      status: 'COMPLETED',
      completedLeads: 1,
      successfulCalls: 1,
      totalTalkSeconds: 12,
    });
  });

  it('is handed back to the queue at shutdown mid-call, and its next run waits for the call without dialing again', async () => {
    const first = harness.addDialer();
    await first.workers.start();
    const { campaignId, leads } = await harness.seedCampaign({ phones: phones(1) });
    const placed = await waitFor(() => harness.carrier.calls[0], { what: 'the call to be dialed' });
    await waitFor(() => db.prisma.call.findFirst({ where: { campaignId, status: 'DIALING' } }), { what: 'DIALING' });

    await first.workers.stop(0);
    expect((await jobState(campaignId, leads[0]!.id))?.state).toBe('waiting');

    const second = harness.addDialer();
    await second.workers.start();
    await waitFor(async () => (await jobState(campaignId, leads[0]!.id))?.state === 'active', { what: 'the job to run again' });
    await harness.carrier.end(placed.sid, 'COMPLETED', 4);
    const done = await waitFor(
      async () => {
        const state = await jobState(campaignId, leads[0]!.id);
        return state?.state === 'completed' ? state : undefined;
      },
      { what: 'job completed' },
    );
    // Only the run that finished counts as an attempt: the handover used none of the retries.
    expect(done.job.attemptsMade).toBe(1);
    expect(harness.carrier.dialAttempts).toHaveLength(1);
    expect(await db.prisma.call.count({ where: { campaignId } })).toBe(1);
  });

  it('never dials twice when a crashed worker’s job is picked up as stalled', async () => {
    const crashing = harness.addDialer({ lockDurationMs: 1000, stalledIntervalMs: 500 });
    await crashing.workers.start();
    const { campaignId, leads } = await harness.seedCampaign({ phones: phones(1) });
    const placed = await waitFor(() => harness.carrier.calls[0], { what: 'the call to be dialed' });
    await waitFor(() => db.prisma.call.findFirst({ where: { campaignId, status: 'DIALING' } }), { what: 'DIALING' });

    // As after SIGKILL: no handover, the lock just stops being renewed.
    await crashing.workers.dialWorker.close(true);
    await crashing.watcher.close();
    const second = harness.addDialer({ lockDurationMs: 1000, stalledIntervalMs: 500 });
    await second.workers.start();
    await waitFor(
      async () => {
        const state = await jobState(campaignId, leads[0]!.id);
        return state?.state === 'active' && (state.job.stalledCounter ?? 0) >= 1;
      },
      { what: 'the stalled job to be picked up again', timeoutMs: 15_000 },
    );

    await harness.carrier.end(placed.sid, 'COMPLETED', 4);
    await waitFor(async () => (await jobState(campaignId, leads[0]!.id))?.state === 'completed', { what: 'job completed' });
    expect(harness.carrier.dialAttempts).toHaveLength(1);
    expect(await db.prisma.call.count({ where: { campaignId } })).toBe(1);
  });

  it('releases the lead without dialing when its campaign is no longer running', async () => {
    const { campaignId, user, leads } = await harness.seedCampaign({ phones: phones(1) });
    // Paused after the job was queued; the job is still in the queue because pause lost the race to a worker.
    await db.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'PAUSED' } });
    const dialer = harness.addDialer();
    await dialer.workers.start();

    await waitFor(async () => (await jobState(campaignId, leads[0]!.id))?.state === 'completed', { what: 'job completed' });
    expect(harness.carrier.dialAttempts).toHaveLength(0);
    expect(await db.prisma.call.count({ where: { campaignId } })).toBe(0);
    expect(await db.prisma.campaignLead.findFirst({ where: { campaignId } })).toMatchObject({ state: 'PENDING' });
    // Pausing for real afterwards is refused only because it is already paused: nothing else changed.
    await expect(pauseCampaign(harness.campaignDeps, user.id, campaignId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('fails the call and the job with the carrier’s reason on a permanent error, and queues the next lead', async () => {
    harness.carrier.plan = (req) =>
      req.to.endsWith('9')
        ? { kind: 'refuse', error: Object.assign(new Error("The 'To' number is not a valid phone number."), { status: 400, code: 21211 }) }
        : { kind: 'auto', status: 'COMPLETED', durationSeconds: 3, afterMs: 10 };
    const dialer = harness.addDialer();
    await dialer.workers.start();
    const { campaignId, leads } = await harness.seedCampaign({
      phones: [...phones(1, 9), ...phones(1, 1).map((p) => p.replace('+1415', '+1416'))],
      maxConcurrentCalls: 1,
    });

    const failed = await waitFor(
      async () => {
        const state = await jobState(campaignId, leads[0]!.id);
        return state?.state === 'failed' ? state : undefined;
      },
      { what: 'the job to fail' },
    );
    expect(failed.failedReason).toBe("provider error 21211: The 'To' number is not a valid phone number.");
    expect(failed.job.attemptsMade).toBe(1);
    const call = await db.prisma.call.findFirstOrThrow({ where: { campaignId, leadId: leads[0]!.id } });
    expect(call).toMatchObject({ status: 'FAILED', failureReason: failed.failedReason, providerCallSid: null });

    await waitFor(async () => (await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === 'COMPLETED', {
      what: 'the next lead to be dialed and the campaign to complete',
    });
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({ failedCalls: 1, successfulCalls: 1 });
  });

  it('retries a transient dial error on the same Call row and dials once it succeeds', async () => {
    harness.carrier.plan = (_req, attempt) =>
      attempt === 1
        ? { kind: 'refuse', error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }) }
        : { kind: 'auto', status: 'BUSY', durationSeconds: 0, afterMs: 10 };
    const dialer = harness.addDialer();
    await dialer.workers.start();
    const { campaignId, leads } = await harness.seedCampaign({ phones: phones(1) });

    await waitFor(async () => (await jobState(campaignId, leads[0]!.id))?.state === 'completed', {
      what: 'job completed',
      timeoutMs: 15_000,
    });
    expect(harness.carrier.dialAttempts).toHaveLength(2);
    expect(new Set(harness.carrier.dialAttempts.map((req) => req.callId)).size).toBe(1);
    expect(await db.prisma.call.findFirstOrThrow({ where: { campaignId } })).toMatchObject({ status: 'BUSY' });
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      missedCalls: 1,
      status: 'COMPLETED',
    });
  });

  it('fails a SANSPBX agent’s call naming the variables to set when SansPBX is not configured, instead of dialing', async () => {
    const providers = new StaticProviderRegistry({
      TWILIO: harness.carrier,
      SIMULATOR: harness.carrier,
      SANSPBX: new UnsupportedProvider(SANSPBX_NOT_CONFIGURED),
    });
    const dialer = harness.addDialer({}, providers);
    await dialer.workers.start();
    const { campaignId, leads } = await harness.seedCampaign({ phones: phones(1), provider: 'SANSPBX' });

    const failed = await waitFor(
      async () => {
        const state = await jobState(campaignId, leads[0]!.id);
        return state?.state === 'failed' ? state : undefined;
      },
      { what: 'the job to fail' },
    );
    expect(failed.failedReason).toBe(SANSPBX_NOT_CONFIGURED);
    expect(harness.carrier.dialAttempts).toHaveLength(0);
    expect(await db.prisma.call.findFirstOrThrow({ where: { campaignId } })).toMatchObject({
      status: 'FAILED',
      provider: 'SANSPBX',
      failureReason: SANSPBX_NOT_CONFIGURED,
    });
  });

  it('dials a SANSPBX agent’s call with its caller id and a SansPBX callback URL carrying the call id and its token', async () => {
    const { campaignId } = await harness.seedCampaign({ phones: phones(1), provider: 'SANSPBX', callerId: '7180000' });
    const dialer = harness.addDialer({ sansPbxCallbackSecret: 'secret-for-this-test' });
    await dialer.workers.start();

    const placed = await waitFor(() => harness.carrier.dialAttempts[0], { what: 'the SansPBX call to be dialed' });
    const call = await db.prisma.call.findFirstOrThrow({ where: { campaignId } });
    expect(placed).toMatchObject({ callId: call.id, callerId: '7180000' });
    expect(placed.answerUrl).toBeUndefined();
    expect(placed.statusCallbackUrl).toBe(
      `http://hooks.example.test/sanspbx/status?callId=${call.id}&token=${signCallToken('secret-for-this-test', call.id)}`,
    );
  });

  it('finishes within the shutdown grace when its call ends in time, instead of being handed back', async () => {
    const dialer = harness.addDialer();
    await dialer.workers.start();
    const { campaignId, leads } = await harness.seedCampaign({ phones: phones(1) });
    const placed = await waitFor(() => harness.carrier.calls[0], { what: 'the call to be dialed' });
    await waitFor(() => db.prisma.call.findFirst({ where: { campaignId, status: 'DIALING' } }), { what: 'DIALING' });

    const stopping = dialer.workers.stop(10_000);
    await harness.carrier.end(placed.sid, 'MISSED', 0);
    await stopping;
    expect((await jobState(campaignId, leads[0]!.id))?.state).toBe('completed');
    expect(dialer.workers.dialWorker.isRunning()).toBe(false);
  });
});

describe('dialLead', () => {
  it('fails the call with the reason when a transient error hits the last attempt', async () => {
    harness.carrier.plan = () => ({
      kind: 'refuse',
      error: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
    });
    const dialer = harness.addDialer();
    const { campaignId, leads } = await harness.seedCampaign({ phones: phones(1) });

    const run = dialLead(
      dialer.dialing,
      { v: 1, campaignId, leadId: leads[0]!.id, attempt: 1 },
      { jobId: 'j', isFinalAttempt: true, logger: harness.logger },
    );
    await expect(run).rejects.toBeInstanceOf(CallFailedError);
    await expect(run).rejects.toThrow('network error ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:443');
    expect(await db.prisma.call.findFirstOrThrow({ where: { campaignId } })).toMatchObject({
      status: 'FAILED',
      failureReason: 'network error ECONNREFUSED: connect ECONNREFUSED 10.0.0.1:443',
    });
  });

  it('keeps the carrier’s call sid when a callback outran the dial response', async () => {
    const carrier = harness.carrier;
    const dial = carrier.dial.bind(carrier);
    carrier.dial = async (req) => {
      const result = await dial(req);
      // A callback that names our call but not the carrier's sid, applied before the dial returns.
      await applyCallStatusUpdate(harness.campaignDeps, { callId: req.callId, status: 'RINGING', event: 'fake:ringing', sequence: 0 });
      return result;
    };
    const dialer = harness.addDialer();
    await dialer.workers.start();
    const { campaignId } = await harness.seedCampaign({ phones: phones(1) });

    const ringing = await waitFor(() => db.prisma.call.findFirst({ where: { campaignId, status: 'RINGING' } }), { what: 'RINGING' });
    const call = await waitFor(() => db.prisma.call.findFirst({ where: { id: ringing.id, providerCallSid: { not: null } } }), {
      what: 'the sid to be stored',
      timeoutMs: 3000,
    });
    expect(call).toMatchObject({ status: 'RINGING', providerCallSid: carrier.calls[0]!.sid });
    expect(await db.prisma.callLog.findFirst({ where: { callId: ringing.id, event: 'dial:accepted' } })).toMatchObject({
      details: 'ignored: DIALING after RINGING',
    });
    await carrier.end(carrier.calls[0]!.sid, 'COMPLETED', 1);
  });
});

describe('the per-campaign cap', () => {
  it('holds across two dialer replicas: never more live calls than maxConcurrentCalls', async () => {
    harness.carrier.plan = () => ({ kind: 'auto', status: 'COMPLETED', durationSeconds: 2, afterMs: 20 + Math.floor(Math.random() * 40) });
    for (const dialer of [harness.addDialer(), harness.addDialer()]) await dialer.workers.start();
    const { campaignId } = await harness.seedCampaign({ phones: phones(10), maxConcurrentCalls: 2 });

    await waitFor(async () => (await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === 'COMPLETED', {
      what: 'campaign completed',
      timeoutMs: 20_000,
    });
    expect(harness.carrier.calls).toHaveLength(10);
    expect(harness.carrier.maxConcurrentLive).toBe(2);
    expect(harness.carrier.callbackErrors).toEqual([]);
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      completedLeads: 10,
      successfulCalls: 10,
    });
  });
});

describe('a call with no terminal callback by its deadline', () => {
  it('takes the carrier’s terminal status and duration when the carrier has one', async () => {
    harness.carrier.plan = () => ({ kind: 'manual' });
    const dialer = harness.addDialer({ callDeadlineMs: 500 });
    await dialer.workers.start();
    const { campaignId, leads } = await harness.seedCampaign({ phones: phones(1) });
    const placed = await waitFor(() => harness.carrier.calls[0], { what: 'the call to be dialed' });
    // The carrier finished the call but its callback was lost.
    harness.carrier.remoteStatus.set(placed.sid, { status: 'COMPLETED', durationSeconds: 7, answeredBy: 'human' });

    await waitFor(async () => (await jobState(campaignId, leads[0]!.id))?.state === 'completed', { what: 'job completed' });
    const call = await db.prisma.call.findFirstOrThrow({ where: { campaignId }, include: { logs: true } });
    expect(call).toMatchObject({ status: 'COMPLETED', durationSeconds: 7, answeredBy: 'human' });
    expect(call.logs.map((log) => log.event)).toContain('reconcile:completed');
    expect(harness.carrier.hangUps).toEqual([]);
  });

  it('hangs up and fails the call with reason timeout when the carrier says it is still live', async () => {
    const dialer = harness.addDialer({ callDeadlineMs: 500 });
    await dialer.workers.start();
    const { campaignId, leads } = await harness.seedCampaign({ phones: phones(1) });
    const placed = await waitFor(() => harness.carrier.calls[0], { what: 'the call to be dialed' });

    const failed = await waitFor(
      async () => {
        const state = await jobState(campaignId, leads[0]!.id);
        return state?.state === 'failed' ? state : undefined;
      },
      { what: 'the job to fail' },
    );
    expect(failed.failedReason).toBe('timeout');
    expect(harness.carrier.hangUps).toEqual([placed.sid]);
    expect(await db.prisma.call.findFirstOrThrow({ where: { campaignId } })).toMatchObject({ status: 'FAILED', failureReason: 'timeout' });
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      failedCalls: 1,
      status: 'COMPLETED',
    });
  });
});

describe('a re-run whose call has a dial request out but no answer from the carrier', () => {
  async function orphanedClaim(phone: string) {
    const dialer = harness.addDialer();
    const { campaignId, leads, agent, user } = await harness.seedCampaign({ phones: [phone] });
    const leadId = leads[0]!.id;
    // What a dialer killed mid-request leaves behind: the Call row, the claim, no sid.
    const call = await db.prisma.call.create({
      data: {
        userId: user.id,
        direction: 'OUTBOUND',
        provider: 'SIMULATOR',
        fromNumber: agent.fromNumber,
        toNumber: phone,
        campaignId,
        leadId,
        agentId: agent.id,
        attempt: 1,
      },
    });
    await db.prisma.campaignLead.updateMany({ where: { campaignId, leadId }, data: { state: 'IN_PROGRESS', lastCallId: call.id } });
    expect(await dialer.dialing.repository.claimDial(call)).toBe(true);
    const job = { v: 1 as const, campaignId, leadId, attempt: 1 };
    return { dialer, call, job, campaignId };
  }

  it('dials once the carrier confirms it never placed the call', async () => {
    const { dialer, call, job } = await orphanedClaim('+14155550901');
    const run = dialLead(dialer.dialing, job, { jobId: 'j', isFinalAttempt: false, logger: harness.logger });
    const placed = await waitFor(() => harness.carrier.calls[0], { what: 'the call to be dialed after settling', timeoutMs: 10_000 });
    await harness.carrier.end(placed.sid, 'COMPLETED', 3);
    await expect(run).resolves.toMatchObject({ kind: 'ended', status: 'COMPLETED' });
    expect(harness.carrier.dialAttempts.filter((req) => req.callId === call.id)).toHaveLength(1);
  });

  it('follows the call the lost request placed instead of dialing the person again', async () => {
    const { dialer, call, job } = await orphanedClaim('+14155550902');
    // The lost request did reach the carrier, which placed the call; no callback has come yet.
    const { providerCallSid } = await harness.carrier.dial({
      callId: call.id,
      to: call.toNumber,
      from: call.fromNumber,
      statusCallbackUrl: 'http://unused.test',
      record: false,
      timeoutSeconds: 30,
    });
    const run = dialLead(dialer.dialing, job, { jobId: 'j', isFinalAttempt: false, logger: harness.logger });
    await waitFor(() => db.prisma.call.findFirst({ where: { id: call.id, providerCallSid } }), {
      what: 'the recovered sid',
      timeoutMs: 10_000,
    });
    await harness.carrier.end(providerCallSid, 'COMPLETED', 5);
    await expect(run).resolves.toMatchObject({ kind: 'ended', status: 'COMPLETED' });
    expect(harness.carrier.dialAttempts).toHaveLength(1);
  });
});
