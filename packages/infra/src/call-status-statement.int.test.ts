import { Redis } from 'ioredis';
import pino from 'pino';
import { createPrismaClient, type Db } from '@dialwave/db';
import { createTestDatabase, randomPrefix, testRedisUrl, uniqueAgentNumber, type TestDatabase } from '@dialwave/testkit';
import { applyCallStatusUpdate, type CallStatusDeps, runCallStatusStatement } from '@dialwave/domain';
import { RedisEventPublisher } from './index';

let db: TestDatabase;
let redis: Redis;
let deps: CallStatusDeps;

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  deps = { prisma: db.prisma, events: new RedisEventPublisher(redis), logger: pino({ level: 'silent' }) };
});

afterAll(async () => {
  await redis.quit();
  await db.drop();
});

/** A RUNNING campaign whose every lead is being dialed: one Call per lead, the lead's current call. */
async function seedRunningCampaign(prisma: Db, leadCount: number) {
  const user = await prisma.user.create({ data: { email: `${randomPrefix('u')}@example.com`, passwordHash: 'x', name: 'Owner' } });
  const agent = await prisma.agent.create({
    data: { userId: user.id, name: 'Agent', provider: 'SIMULATOR', fromNumber: uniqueAgentNumber() },
  });
  const campaign = await prisma.campaign.create({
    data: { userId: user.id, agentId: agent.id, name: 'Statement', status: 'RUNNING', totalLeads: leadCount, startedAt: new Date() },
  });
  const calls = [];
  for (let i = 0; i < leadCount; i++) {
    const lead = await prisma.lead.create({
      data: { userId: user.id, firstName: `Ada${i}`, lastName: 'Lovelace', phone: `+9198765400${String(i).padStart(2, '0')}` },
    });
    const call = await prisma.call.create({
      data: {
        userId: user.id,
        direction: 'OUTBOUND',
        provider: 'SIMULATOR',
        status: 'DIALING',
        fromNumber: '+15005550006',
        toNumber: lead.phone,
        campaignId: campaign.id,
        leadId: lead.id,
        agentId: agent.id,
      },
    });
    await prisma.campaignLead.create({
      data: { campaignId: campaign.id, leadId: lead.id, position: i, state: 'IN_PROGRESS', attempts: 1, lastCallId: call.id },
    });
    calls.push(call);
  }
  return { campaign, calls };
}

describe('the single-statement status transition', () => {
  it('completes the campaign exactly once when the last calls of several leads end at the same time', async () => {
    const { campaign, calls } = await seedRunningCampaign(db.prisma, 6);
    const results = await Promise.all(
      calls.map((call, i) =>
        applyCallStatusUpdate(deps, {
          callId: call.id,
          status: i % 2 === 0 ? 'COMPLETED' : 'BUSY',
          event: 'twilio:end',
          sequence: 3,
          durationSeconds: i % 2 === 0 ? 7 : 0,
        }),
      ),
    );

    expect(results.map((r) => r.outcome)).toEqual(Array(6).fill('applied'));
    expect(results.filter((r) => r.campaignCompleted)).toHaveLength(1);
    const stored = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(stored).toMatchObject({
      status: 'COMPLETED',
      completedLeads: 6,
      successfulCalls: 3,
      missedCalls: 3,
      failedCalls: 0,
      totalTalkSeconds: 21,
    });
    expect(stored.completedAt).toBeInstanceOf(Date);
    // The completing update's campaign is the committed row, field for field.
    expect(results.find((r) => r.campaignCompleted)!.campaign).toEqual(stored);
  });

  it('returns the call as Prisma reads it back, timestamps in UTC, with the lead name for the event', async () => {
    const { calls } = await seedRunningCampaign(db.prisma, 1);
    const before = Date.now();
    const written = await runCallStatusStatement(db.prisma, {
      callId: calls[0]!.id,
      status: 'ANSWERED',
      event: 'twilio:in-progress',
      sequence: 2,
      answeredBy: 'human',
      raw: { CallStatus: 'in-progress' },
    });

    expect(written).toMatchObject({ found: true, logged: true, applied: true, leadName: 'Ada0 Lovelace', campaignCompleted: false });
    expect(written.call).toEqual(await db.prisma.call.findUniqueOrThrow({ where: { id: calls[0]!.id } }));
    expect(written.call!.answeredAt!.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(written.call!.answeredAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const lead = await db.prisma.lead.findUniqueOrThrow({ where: { id: calls[0]!.leadId! } });
    expect(lead.lastCallAt).toEqual(written.call!.answeredAt);
    const [log] = await db.prisma.callLog.findMany({ where: { callId: calls[0]!.id } });
    expect(log).toMatchObject({
      event: 'twilio:in-progress',
      sequence: 2,
      details: 'DIALING → ANSWERED',
      data: { CallStatus: 'in-progress' },
    });
  });

  it('logs a stale update with what it ignored, keeps the provider sid from it, and moves nothing else', async () => {
    const { calls } = await seedRunningCampaign(db.prisma, 1);
    const callId = calls[0]!.id;
    await runCallStatusStatement(db.prisma, { callId, status: 'RINGING', event: 'twilio:ringing', sequence: 1 });
    const occurredAt = new Date('2026-11-25T11:36:23Z');
    const stale = await runCallStatusStatement(db.prisma, {
      callId,
      status: 'DIALING',
      event: 'dial:accepted',
      providerCallSid: 'CA-stale-sid',
      occurredAt,
    });

    expect(stale).toMatchObject({ logged: true, applied: false });
    const call = await db.prisma.call.findUniqueOrThrow({ where: { id: callId } });
    expect(call).toMatchObject({ status: 'RINGING', providerCallSid: 'CA-stale-sid', lastSequence: 1 });
    const log = await db.prisma.callLog.findFirstOrThrow({ where: { callId, event: 'dial:accepted' } });
    expect(log.details).toBe('ignored: DIALING after RINGING; provider time 2026-11-25T11:36:23.000Z');
    expect(log.data).toBeNull();
  });

  it('runs as the named prepared statement, so Postgres plans it once per connection', async () => {
    const single = createPrismaClient(db.url, { maxConnections: 1 });
    try {
      const { calls } = await seedRunningCampaign(single, 1);
      await runCallStatusStatement(single, { callId: calls[0]!.id, status: 'RINGING', event: 'twilio:ringing', sequence: 1 });
      const prepared = await single.$queryRaw<{ name: string }[]>`SELECT name FROM pg_prepared_statements`;
      expect(prepared.map((p) => p.name)).toContain('dw_call_status_update');
    } finally {
      await single.$disconnect();
    }
  });
});
