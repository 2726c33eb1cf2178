import { Redis } from 'ioredis';
import pino from 'pino';
import { callEndedChannel, userEventsChannel, type TCallStatus } from '@dialwave/contracts';
import { createTestDatabase, randomPrefix, testRedisUrl, uniqueAgentNumber, waitFor, type TestDatabase } from '@dialwave/testkit';
import {
  applyCallStatusUpdate,
  type CampaignDeps,
  cancelCampaign,
  pauseCampaign,
  resumeCampaign,
  startCampaign,
  topUpCampaign,
} from '@dialwave/domain';
import { type BullDialQueue, createDialQueue, RedisEventPublisher } from './index';

let db: TestDatabase;
let redis: Redis;
let subscriber: Redis;
let dialQueue: BullDialQueue;
let deps: CampaignDeps;
const received: { channel: string; message: { type: string; payload: Record<string, unknown> } }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  subscriber = new Redis(testRedisUrl());
  subscriber.on('pmessage', (_pattern, channel, message) => {
    // Other suites share this Redis; only well-formed messages are ours to inspect.
    try {
      received.push({ channel, message: JSON.parse(message) });
    } catch {
      /* not JSON: another suite's message */
    }
  });
  await subscriber.psubscribe('events:user:*', 'call-ended:*');
  dialQueue = createDialQueue(redis, randomPrefix('domain'));
  deps = { prisma: db.prisma, dialQueue, events: new RedisEventPublisher(redis), logger: pino({ level: 'silent' }) };
});

afterAll(async () => {
  await dialQueue.obliterate({ force: true });
  await dialQueue.close();
  await subscriber.quit();
  await redis.quit();
  await db.drop();
});

async function seedUser(leadCount: number, email = `${randomPrefix('u')}@example.com`) {
  const user = await db.prisma.user.create({ data: { email, passwordHash: 'x', name: 'Owner' } });
  const agent = await db.prisma.agent.create({
    data: { userId: user.id, name: 'Agent', provider: 'SIMULATOR', fromNumber: uniqueAgentNumber() },
  });
  const leads = [];
  for (let i = 0; i < leadCount; i++) {
    leads.push(
      await db.prisma.lead.create({ data: { userId: user.id, firstName: `Lead${i}`, phone: `+9198765432${String(i).padStart(2, '0')}` } }),
    );
  }
  return { user, agent, leads };
}

async function dialJobIds() {
  const jobs = await dialQueue.getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs.map((job) => job.id).sort();
}

/** Stands in for a dialer: creates the Call row for a queued lead the way the worker does. */
async function placeCall(campaignId: string, leadId: string) {
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
    },
  });
  await db.prisma.campaignLead.update({ where: { id: cl.id }, data: { state: 'IN_PROGRESS', lastCallId: call.id } });
  return call;
}

function end(callId: string, status: TCallStatus, durationSeconds: number, sequence = 3) {
  return applyCallStatusUpdate(deps, { callId, status, event: `twilio:${status.toLowerCase()}`, sequence, durationSeconds });
}

describe('starting a campaign', () => {
  it('stores every lead, runs, and queues only maxConcurrentCalls jobs (the hopper)', async () => {
    const { user, agent, leads } = await seedUser(8);
    const started = await startCampaign(deps, {
      userId: user.id,
      agentId: agent.id,
      leadIds: leads.map((l) => l.id),
      name: 'Hopper',
      maxConcurrentCalls: 3,
    });
    expect(started).toMatchObject({ status: 'RUNNING', totalLeads: 8 });
    const states = await db.prisma.campaignLead.groupBy({ by: ['state'], where: { campaignId: started.campaignId }, _count: true });
    expect(Object.fromEntries(states.map((s) => [s.state, s._count]))).toEqual({ QUEUED: 3, PENDING: 5 });
    const ids = (await dialJobIds()).filter((id) => id?.startsWith(started.campaignId));
    expect(ids).toHaveLength(3);
    const firstThree = leads
      .slice(0, 3)
      .map((l) => `${started.campaignId}-${l.id}-1`)
      .sort();
    expect(ids).toEqual(firstThree);

    // A second top-up while the hopper is full adds nothing.
    expect(await topUpCampaign(deps, started.campaignId)).toMatchObject({ queued: 0 });
  });

  it("refuses another user's agent or leads and writes nothing", async () => {
    const owner = await seedUser(1);
    const stranger = await seedUser(1);
    const before = await db.prisma.campaign.count();
    await expect(
      startCampaign(deps, { userId: stranger.user.id, agentId: owner.agent.id, allLeads: true, name: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', details: [{ field: 'agentId' }] });
    await expect(
      startCampaign(deps, { userId: stranger.user.id, agentId: stranger.agent.id, leadIds: [owner.leads[0]!.id], name: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', details: [{ field: 'leadIds' }] });
    expect(await db.prisma.campaign.count()).toBe(before);
  });

  it('leaves out do-not-call leads and refuses a campaign with none left, without a half-written row', async () => {
    const { user, agent, leads } = await seedUser(2);
    await db.prisma.lead.updateMany({ where: { userId: user.id }, data: { status: 'DO_NOT_CALL' } });
    const before = await db.prisma.campaign.count();
    await expect(
      startCampaign(deps, { userId: user.id, agentId: agent.id, leadIds: leads.map((l) => l.id), name: 'dnc' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await db.prisma.campaign.count()).toBe(before);
  });
});

describe('call status updates', () => {
  it('move counters once per lead, ignore late and duplicate callbacks, and complete the campaign exactly once', async () => {
    const { user, agent, leads } = await seedUser(2);
    const { campaignId } = await startCampaign(deps, { userId: user.id, agentId: agent.id, allLeads: true, name: 'Counters' });
    const first = await placeCall(campaignId, leads[0]!.id);
    const second = await placeCall(campaignId, leads[1]!.id);

    expect((await applyCallStatusUpdate(deps, { callId: first.id, status: 'RINGING', event: 'twilio:ringing', sequence: 1 })).outcome).toBe(
      'applied',
    );
    expect((await end(first.id, 'COMPLETED', 7)).outcome).toBe('applied');
    expect((await end(first.id, 'COMPLETED', 7)).outcome).toBe('duplicate');
    // A late ringing callback after the end is logged but never applied backwards.
    expect((await applyCallStatusUpdate(deps, { callId: first.id, status: 'RINGING', event: 'twilio:ringing', sequence: 2 })).outcome).toBe(
      'stale',
    );
    // A different terminal word for an ended call changes nothing either.
    expect((await end(first.id, 'FAILED', 0, 9)).outcome).toBe('stale');

    let campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign).toMatchObject({
      completedLeads: 1,
      successfulCalls: 1,
      failedCalls: 0,
      missedCalls: 0,
      totalTalkSeconds: 7,
      status: 'RUNNING',
    });
    const firstCall = await db.prisma.call.findUniqueOrThrow({ where: { id: first.id } });
    expect(firstCall).toMatchObject({ status: 'COMPLETED', durationSeconds: 7 });
    expect(await db.prisma.callLog.count({ where: { callId: first.id } })).toBe(4);

    const last = await end(second.id, 'BUSY', 0);
    expect(last.campaignCompleted).toBe(true);
    campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign).toMatchObject({ status: 'COMPLETED', completedLeads: 2, successfulCalls: 1, missedCalls: 1 });
    expect(campaign.completedAt).not.toBeNull();

    await waitFor(() => received.some((r) => r.channel === userEventsChannel(user.id) && r.message.type === 'campaign:completed'), {
      what: 'campaign:completed event',
    });
    await waitFor(() => received.some((r) => r.channel === callEndedChannel(second.id)), { what: 'call-ended signal' });
    const completions = received.filter((r) => r.message.type === 'campaign:completed' && r.message.payload.campaignId === campaignId);
    expect(completions).toHaveLength(1);
    const statusEvent = received.find(
      (r) => r.message.type === 'call:status-updated' && r.message.payload.callId === first.id && r.message.payload.status === 'COMPLETED',
    );
    expect(statusEvent?.message.payload).toMatchObject({ leadName: 'Lead0', phone: leads[0]!.phone, durationSeconds: 7, campaignId });
  });

  it('answers unknown-call for a call id that does not exist and writes nothing', async () => {
    const result = await end('00000000-0000-4000-8000-000000000000', 'COMPLETED', 3);
    expect(result.outcome).toBe('unknown-call');
  });

  it('counts concurrent terminal callbacks for one call exactly once', async () => {
    const { user, agent } = await seedUser(1);
    const { campaignId } = await startCampaign(deps, { userId: user.id, agentId: agent.id, allLeads: true, name: 'Race' });
    const lead = await db.prisma.campaignLead.findFirstOrThrow({ where: { campaignId } });
    const call = await placeCall(campaignId, lead.leadId);
    const results = await Promise.all([end(call.id, 'COMPLETED', 5, 3), end(call.id, 'MISSED', 0, 4), end(call.id, 'COMPLETED', 5, 3)]);
    expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
    const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign.completedLeads).toBe(1);
    expect(campaign.successfulCalls + campaign.missedCalls).toBe(1);
  });
});

describe('pause, resume and cancel', () => {
  it('pausing removes waiting jobs and returns their leads to PENDING; resume queues them again', async () => {
    const { user, agent } = await seedUser(4);
    const { campaignId } = await startCampaign(deps, {
      userId: user.id,
      agentId: agent.id,
      allLeads: true,
      name: 'Pause',
      maxConcurrentCalls: 2,
    });
    await pauseCampaign(deps, user.id, campaignId);
    expect((await dialJobIds()).filter((id) => id?.startsWith(campaignId))).toHaveLength(0);
    expect(await db.prisma.campaignLead.count({ where: { campaignId, state: 'PENDING' } })).toBe(4);
    await expect(pauseCampaign(deps, user.id, campaignId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });

    await resumeCampaign(deps, user.id, campaignId);
    const ids = (await dialJobIds()).filter((id) => id?.startsWith(campaignId));
    expect(ids).toHaveLength(2);
    // Fresh attempt numbers: the removed jobs' ids are never reused.
    expect(ids.every((id) => id!.endsWith('-2'))).toBe(true);
  });

  it('cancel skips every lead not yet dialed and refuses a second cancel; another user gets 404', async () => {
    const { user, agent } = await seedUser(3);
    const stranger = await seedUser(0);
    const { campaignId } = await startCampaign(deps, {
      userId: user.id,
      agentId: agent.id,
      allLeads: true,
      name: 'Cancel',
      maxConcurrentCalls: 1,
    });
    await expect(cancelCampaign(deps, stranger.user.id, campaignId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await cancelCampaign(deps, user.id, campaignId);
    expect(await db.prisma.campaignLead.count({ where: { campaignId, state: 'SKIPPED' } })).toBe(3);
    expect((await dialJobIds()).filter((id) => id?.startsWith(campaignId))).toHaveLength(0);
    await expect(cancelCampaign(deps, user.id, campaignId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(resumeCampaign(deps, user.id, campaignId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});

describe('provider call sids', () => {
  it('are kept from a dial result that arrives after a callback already advanced the call', async () => {
    const { user, agent } = await seedUser(1);
    const { campaignId } = await startCampaign(deps, { userId: user.id, agentId: agent.id, allLeads: true, name: 'Sid' });
    const lead = await db.prisma.campaignLead.findFirstOrThrow({ where: { campaignId } });
    const call = await placeCall(campaignId, lead.leadId);
    await applyCallStatusUpdate(deps, { callId: call.id, status: 'RINGING', event: 'twilio:ringing', sequence: 1 });
    const late = await applyCallStatusUpdate(deps, {
      callId: call.id,
      status: 'DIALING',
      event: 'dial:accepted',
      providerCallSid: 'CA-late',
    });
    expect(late.outcome).toBe('stale');
    expect(await db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({
      status: 'RINGING',
      providerCallSid: 'CA-late',
    });
  });
});

describe('an older attempt ending late', () => {
  it('does not close a lead that is being dialed again', async () => {
    const { user, agent } = await seedUser(1);
    const { campaignId } = await startCampaign(deps, { userId: user.id, agentId: agent.id, allLeads: true, name: 'Attempts' });
    const lead = await db.prisma.campaignLead.findFirstOrThrow({ where: { campaignId } });
    const oldCall = await placeCall(campaignId, lead.leadId);
    await db.prisma.campaignLead.update({ where: { id: lead.id }, data: { attempts: 2 } });
    const newCall = await placeCall(campaignId, lead.leadId);
    await end(oldCall.id, 'FAILED', 0);
    expect(await db.prisma.campaignLead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ state: 'IN_PROGRESS' });
    await end(newCall.id, 'COMPLETED', 5);
    expect(await db.prisma.campaignLead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      state: 'DONE',
      lastCallId: newCall.id,
    });
    const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign).toMatchObject({ completedLeads: 1, successfulCalls: 1, failedCalls: 0, status: 'COMPLETED' });
  });
});

describe('concurrent writers of one call', () => {
  it('serialise instead of deadlocking when the dial result and the first callbacks race', async () => {
    const { user, agent } = await seedUser(6);
    const { campaignId } = await startCampaign(deps, {
      userId: user.id,
      agentId: agent.id,
      allLeads: true,
      name: 'Deadlock',
      maxConcurrentCalls: 6,
    });
    const leads = await db.prisma.campaignLead.findMany({ where: { campaignId } });
    const calls = await Promise.all(leads.map((l) => placeCall(campaignId, l.leadId)));
    const results = await Promise.all(
      calls.flatMap((call, i) => [
        applyCallStatusUpdate(deps, { callId: call.id, status: 'DIALING', event: 'dial:accepted', providerCallSid: `CA-race-${i}` }),
        applyCallStatusUpdate(deps, {
          callId: call.id,
          status: 'DIALING',
          event: 'twilio:initiated',
          sequence: 0,
          providerCallSid: `CA-race-${i}`,
        }),
        applyCallStatusUpdate(deps, {
          callId: call.id,
          status: 'RINGING',
          event: 'twilio:ringing',
          sequence: 1,
          providerCallSid: `CA-race-${i}`,
        }),
        end(call.id, 'COMPLETED', 4),
      ]),
    );
    expect(results.every((r) => r.outcome !== 'unknown-call')).toBe(true);
    const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign).toMatchObject({ status: 'COMPLETED', completedLeads: 6, successfulCalls: 6 });
    const stored = await db.prisma.call.findMany({ where: { campaignId } });
    expect(stored.every((c) => c.status === 'COMPLETED' && c.providerCallSid?.startsWith('CA-race-'))).toBe(true);
  });
});
