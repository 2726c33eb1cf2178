import { Redis } from 'ioredis';
import pino from 'pino';
import type { TCallStatus, TCallingWindow } from '@dialwave/contracts';
import { createTestDatabase, randomPrefix, testRedisUrl, uniqueAgentNumber, type TestDatabase } from '@dialwave/testkit';
import {
  applyCallStatusUpdate,
  type CampaignDeps,
  startCampaign,
  startScheduledCampaign,
  topUpAfterCallEnd,
  topUpCampaign,
} from '@dialwave/domain';
import { type BullDialQueue, createDialQueue, RedisEventPublisher } from './index';

let db: TestDatabase;
let redis: Redis;
let dialQueue: BullDialQueue;
let deps: CampaignDeps;

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  dialQueue = createDialQueue(redis, randomPrefix('hopper'));
  deps = {
    prisma: db.prisma,
    dialQueue,
    events: new RedisEventPublisher(redis),
    logger: pino({ level: 'silent' }),
    limits: { maxCallsPerNumberPerDay: 3, tenantMaxConcurrentCalls: 3 },
  };
});

afterAll(async () => {
  await dialQueue.obliterate({ force: true });
  await dialQueue.close();
  await redis.quit();
  await db.drop();
});

const NINE_TO_EIGHT: TCallingWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00' }];
/** 11:30 in Kolkata, 01:00 in New York (a Wednesday). */
const NOW = new Date('2026-11-25T06:00:00Z');
let serial = 0;

async function seedUser() {
  const user = await db.prisma.user.create({ data: { email: `${randomPrefix('u')}@example.com`, passwordHash: 'x', name: 'Owner' } });
  const agent = await db.prisma.agent.create({
    data: { userId: user.id, name: 'Agent', provider: 'SIMULATOR', fromNumber: uniqueAgentNumber() },
  });
  return { user, agent };
}

async function seedLead(userId: string, data: { timezone?: string } = {}) {
  serial += 1;
  return db.prisma.lead.create({
    data: { userId, firstName: `Lead${serial}`, phone: `+9198765${String(serial).padStart(5, '0')}`, ...data },
  });
}

async function jobsOf(campaignId: string): Promise<string[]> {
  const jobs = await dialQueue.getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs
    .map((job) => job.id ?? '')
    .filter((id) => id.startsWith(campaignId))
    .sort();
}

/** Stands in for a dialer: the Call row for a QUEUED lead, the lead IN_PROGRESS. */
async function placeCall(campaignId: string, leadId: string, createdAt?: Date) {
  const cl = await db.prisma.campaignLead.findUniqueOrThrow({ where: { campaignId_leadId: { campaignId, leadId } } });
  const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  const lead = await db.prisma.lead.findUniqueOrThrow({ where: { id: leadId } });
  const call = await db.prisma.call.create({
    data: {
      userId: campaign.userId,
      direction: 'OUTBOUND',
      provider: 'SIMULATOR',
      fromNumber: '+15005550006',
      toNumber: lead.phone,
      campaignId,
      leadId,
      agentId: campaign.agentId,
      attempt: cl.attempts,
      ...(createdAt ? { createdAt } : {}),
    },
  });
  await db.prisma.campaignLead.update({ where: { id: cl.id }, data: { state: 'IN_PROGRESS', lastCallId: call.id } });
  return call;
}

function end(callId: string, status: TCallStatus, durationSeconds: number, answeredBy?: string) {
  return applyCallStatusUpdate(deps, {
    callId,
    status,
    event: `twilio:${status.toLowerCase()}`,
    sequence: 5,
    durationSeconds,
    ...(answeredBy ? { answeredBy } : {}),
  });
}

describe('the hopper takes only leads that may be dialed now', () => {
  it('queues a lead inside its calling hours, moves one outside them to its next opening without a job, and takes it then', async () => {
    const { user, agent } = await seedUser();
    const inside = await seedLead(user.id); // Indian number: Asia/Calcutta from libphonenumber's data
    const outside = await seedLead(user.id, { timezone: 'America/New_York' });
    const { campaignId } = await startCampaign(deps, {
      userId: user.id,
      agentId: agent.id,
      leadIds: [outside.id, inside.id],
      name: 'Windows',
      callingWindows: NINE_TO_EIGHT,
      now: NOW,
    });
    // startCampaign topped up with the real clock; reset and top up at the fixed one.
    await db.prisma.campaignLead.updateMany({
      where: { campaignId },
      data: { state: 'PENDING', attempts: 0, nextEligibleAt: NOW, waitReason: null },
    });
    await dialQueue.obliterate({ force: true });

    expect(await topUpCampaign(deps, campaignId, { now: NOW })).toEqual({ queued: 1, deferred: 1 });
    expect(await jobsOf(campaignId)).toEqual([`${campaignId}-${inside.id}-1`]);
    const waiting = await db.prisma.campaignLead.findUniqueOrThrow({ where: { campaignId_leadId: { campaignId, leadId: outside.id } } });
    expect(waiting).toMatchObject({ state: 'PENDING', attempts: 0, waitReason: 'window', waitZone: 'America/New_York' });
    expect(waiting.nextEligibleAt.toISOString()).toBe('2026-11-25T14:00:00.000Z'); // 09:00 in New York

    // Still closed an hour later: the waiting lead is not even read again.
    expect(await topUpCampaign(deps, campaignId, { now: new Date('2026-11-25T07:00:00Z') })).toEqual({ queued: 0, deferred: 0 });
    // At 09:00 New York it is taken.
    expect(await topUpCampaign(deps, campaignId, { now: new Date('2026-11-25T14:00:00Z') })).toEqual({ queued: 1, deferred: 0 });
    expect(await jobsOf(campaignId)).toContain(`${campaignId}-${outside.id}-1`);
  });

  it('keeps a number with three calls in the last 24 h waiting until the oldest leaves the window; held dials do not count', async () => {
    const { user, agent } = await seedUser();
    const lead = await seedLead(user.id);
    const earlier = await startCampaign(deps, { userId: user.id, agentId: agent.id, leadIds: [lead.id], name: 'Earlier' });
    const times = ['2026-11-24T08:00:00Z', '2026-11-24T20:00:00Z', '2026-11-25T05:00:00Z'].map((t) => new Date(t));
    for (const [i, createdAt] of times.entries()) {
      await db.prisma.call.create({
        data: {
          userId: user.id,
          direction: 'OUTBOUND',
          status: 'BUSY',
          provider: 'SIMULATOR',
          fromNumber: agent.fromNumber,
          toNumber: lead.phone,
          campaignId: earlier.campaignId,
          leadId: lead.id,
          agentId: agent.id,
          attempt: 10 + i,
          createdAt,
        },
      });
    }
    // A dial the gate held back never reached the carrier: it is not a call to the number.
    await db.prisma.call.create({
      data: {
        userId: user.id,
        direction: 'OUTBOUND',
        status: 'CANCELED',
        provider: 'SIMULATOR',
        fromNumber: agent.fromNumber,
        toNumber: lead.phone,
        campaignId: earlier.campaignId,
        leadId: lead.id,
        agentId: agent.id,
        attempt: 20,
        createdAt: new Date('2026-11-25T05:30:00Z'),
        failureReason: 'daily_cap',
      },
    });
    const { campaignId } = await startCampaign(deps, { userId: user.id, agentId: agent.id, leadIds: [lead.id], name: 'Capped', now: NOW });
    await db.prisma.campaignLead.updateMany({ where: { campaignId }, data: { state: 'PENDING', attempts: 0, nextEligibleAt: NOW } });

    expect(await topUpCampaign(deps, campaignId, { now: NOW })).toEqual({ queued: 0, deferred: 1 });
    const waiting = await db.prisma.campaignLead.findUniqueOrThrow({ where: { campaignId_leadId: { campaignId, leadId: lead.id } } });
    expect(waiting).toMatchObject({ state: 'PENDING', waitReason: 'daily_cap' });
    expect(waiting.nextEligibleAt.toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(await topUpCampaign(deps, campaignId, { now: new Date('2026-11-25T08:00:01Z') })).toEqual({ queued: 1, deferred: 0 });
  });
});

describe('retries, voicemail and the lead lifecycle in the status statement', () => {
  it('dials a busy lead again after the delay until maxAttempts, counting the lead once, then NO_ANSWER', async () => {
    const { user, agent } = await seedUser();
    const lead = await seedLead(user.id);
    const { campaignId } = await startCampaign(deps, {
      userId: user.id,
      agentId: agent.id,
      leadIds: [lead.id],
      name: 'Retry',
      retry: { maxAttempts: 2, delaySeconds: 600, on: ['BUSY'] },
    });
    const first = await placeCall(campaignId, lead.id);
    const before = Date.now();
    const ended = await end(first.id, 'BUSY', 0);
    expect(ended.leadFate).toBe('retry');
    const pending = await db.prisma.campaignLead.findUniqueOrThrow({ where: { campaignId_leadId: { campaignId, leadId: lead.id } } });
    expect(pending).toMatchObject({ state: 'PENDING', waitReason: 'retry', attempts: 1 });
    expect(pending.nextEligibleAt.getTime()).toBeGreaterThanOrEqual(before + 600_000 - 1000);
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      status: 'RUNNING',
      completedLeads: 0,
      missedCalls: 0,
    });
    expect(await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ status: 'NEW', attempts: 1 });

    // Not before the delay …
    expect(await topUpCampaign(deps, campaignId)).toEqual({ queued: 0, deferred: 0 });
    // … and then as attempt 2.
    expect(await topUpCampaign(deps, campaignId, { now: new Date(pending.nextEligibleAt.getTime() + 1) })).toEqual({
      queued: 1,
      deferred: 0,
    });
    const second = await placeCall(campaignId, lead.id);
    expect(second.attempt).toBe(2);
    const last = await end(second.id, 'BUSY', 0);
    expect(last).toMatchObject({ leadFate: 'final', campaignCompleted: true });
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      status: 'COMPLETED',
      completedLeads: 1,
      missedCalls: 1,
    });
    expect(await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ status: 'NO_ANSWER', attempts: 2 });
  });

  it('never retries a number the carrier refused, and marks it BAD_NUMBER', async () => {
    const { user, agent } = await seedUser();
    const lead = await seedLead(user.id);
    const { campaignId } = await startCampaign(deps, {
      userId: user.id,
      agentId: agent.id,
      leadIds: [lead.id],
      name: 'Refused',
      retry: { maxAttempts: 3, delaySeconds: 1, on: ['FAILED'] },
    });
    const call = await placeCall(campaignId, lead.id);
    const ended = await applyCallStatusUpdate(deps, {
      callId: call.id,
      status: 'FAILED',
      event: 'dial:failed',
      failureReason: 'invalid To',
      refusedByCarrier: true,
    });
    expect(ended.leadFate).toBe('final');
    expect(await db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ status: 'BAD_NUMBER' });
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      status: 'COMPLETED',
      failedCalls: 1,
    });
  });

  it('counts a machine-answered call as a voicemail, apart from successful calls, even when AnsweredBy came earlier', async () => {
    const { user, agent } = await seedUser();
    const person = await seedLead(user.id);
    const machine = await seedLead(user.id);
    const { campaignId } = await startCampaign(deps, {
      userId: user.id,
      agentId: agent.id,
      leadIds: [person.id, machine.id],
      name: 'Voicemail',
    });
    const a = await placeCall(campaignId, person.id);
    const b = await placeCall(campaignId, machine.id);
    await applyCallStatusUpdate(deps, {
      callId: b.id,
      status: 'ANSWERED',
      event: 'twilio:in-progress',
      sequence: 2,
      answeredBy: 'machine_end_beep',
    });
    await end(a.id, 'COMPLETED', 7, 'human');
    await end(b.id, 'COMPLETED', 12);
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).toMatchObject({
      status: 'COMPLETED',
      successfulCalls: 1,
      voicemailCalls: 1,
      totalTalkSeconds: 7,
    });
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: person.id } })).status).toBe('CONTACTED');
    expect((await db.prisma.lead.findUniqueOrThrow({ where: { id: machine.id } })).status).toBe('VOICEMAIL');
  });
});

describe('the tenant cap', () => {
  it('holds a user’s live leads across campaigns at TENANT_MAX_CONCURRENT_CALLS and gives a freed slot to the held campaign', async () => {
    const { user, agent } = await seedUser();
    const leadsA = [await seedLead(user.id), await seedLead(user.id), await seedLead(user.id), await seedLead(user.id)];
    const leadsB = [await seedLead(user.id), await seedLead(user.id)];
    const a = await startCampaign(deps, {
      userId: user.id,
      agentId: agent.id,
      leadIds: leadsA.map((l) => l.id),
      name: 'A',
      maxConcurrentCalls: 5,
    });
    const b = await startCampaign(deps, {
      userId: user.id,
      agentId: agent.id,
      leadIds: leadsB.map((l) => l.id),
      name: 'B',
      maxConcurrentCalls: 5,
    });
    expect(await jobsOf(a.campaignId)).toHaveLength(3);
    expect(await jobsOf(b.campaignId)).toHaveLength(0);
    expect((await db.prisma.campaign.findUniqueOrThrow({ where: { id: b.campaignId } })).tenantHeldAt).not.toBeNull();

    // A's call ends: the slot goes to B, which was held back, not back to A.
    const call = await placeCall(a.campaignId, leadsA[0]!.id);
    await end(call.id, 'COMPLETED', 4, 'human');
    await topUpAfterCallEnd(deps, a.campaignId, user.id);
    expect(await jobsOf(b.campaignId)).toHaveLength(1);
    const live = await db.prisma.campaignLead.count({ where: { campaign: { userId: user.id }, state: { in: ['QUEUED', 'IN_PROGRESS'] } } });
    expect(live).toBe(3);
  });
});

describe('a scheduled campaign', () => {
  it('waits SCHEDULED with no job until its start time, then starts once', async () => {
    const { user, agent } = await seedUser();
    const lead = await seedLead(user.id);
    const startAt = new Date(Date.now() + 60_000);
    const created = await startCampaign(deps, { userId: user.id, agentId: agent.id, leadIds: [lead.id], name: 'Later', startAt });
    expect(created.status).toBe('SCHEDULED');
    expect(await jobsOf(created.campaignId)).toEqual([]);
    expect(await startScheduledCampaign(deps, created.campaignId, new Date(startAt.getTime() - 1000))).toBe(false);
    expect(await startScheduledCampaign(deps, created.campaignId, startAt)).toBe(true);
    expect(await startScheduledCampaign(deps, created.campaignId, startAt)).toBe(false);
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: created.campaignId } })).toMatchObject({
      status: 'RUNNING',
      startedAt: startAt,
    });
    expect(await jobsOf(created.campaignId)).toHaveLength(1);
  });
});
