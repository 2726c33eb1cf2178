import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import pino from 'pino';
import { callEndedChannel, userEventsChannel } from '@dialwave/contracts';
import type { Db } from '@dialwave/db';
import { createTestDatabase, randomPrefix, testRedisUrl, uniqueAgentNumber, waitFor, type TestDatabase } from '@dialwave/testkit';
import { applyCallStatusBatch, applyCallStatusUpdate, type CallStatusDeps, type CallStatusUpdate } from '@dialwave/domain';
import { RedisEventPublisher } from './index';

let db: TestDatabase;
let redis: Redis;
let subscriber: Redis;
const published: { channel: string; message: string }[] = [];
const warnings: string[] = [];
let deps: CallStatusDeps;

beforeAll(async () => {
  db = await createTestDatabase();
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  subscriber = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => published.push({ channel, message }));
  await subscriber.psubscribe(userEventsChannel('*'), callEndedChannel('*'));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      warnings.push(chunk.toString());
      done();
    },
  });
  deps = { prisma: db.prisma, events: new RedisEventPublisher(redis), logger: pino({ level: 'warn' }, sink) };
});

afterAll(async () => {
  await subscriber.quit();
  await redis.quit();
  await db.drop();
});

beforeEach(() => {
  warnings.length = 0;
});

async function seedRunningCampaign(prisma: Db, leadCount: number) {
  const user = await prisma.user.create({ data: { email: `${randomPrefix('u')}@example.com`, passwordHash: 'x', name: 'Owner' } });
  const agent = await prisma.agent.create({
    data: { userId: user.id, name: 'Agent', provider: 'SIMULATOR', fromNumber: uniqueAgentNumber() },
  });
  const campaign = await prisma.campaign.create({
    data: { userId: user.id, agentId: agent.id, name: 'Batch', status: 'RUNNING', totalLeads: leadCount, startedAt: new Date() },
  });
  const calls = [];
  for (let i = 0; i < leadCount; i++) {
    const lead = await prisma.lead.create({
      data: { userId: user.id, firstName: `Lead${i}`, lastName: 'Batch', phone: `+91987654${randomDigits(4)}` },
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
  return { user, campaign, calls };
}

let digits = 0;
function randomDigits(width: number): string {
  digits += 1;
  return String((process.pid * 7 + digits) % 10 ** width).padStart(width, '0');
}

const ringing = (callId: string): CallStatusUpdate => ({ callId, status: 'RINGING', event: 'twilio:ringing', sequence: 1 });
const answered = (callId: string): CallStatusUpdate => ({ callId, status: 'ANSWERED', event: 'twilio:in-progress', sequence: 2 });
const completed = (callId: string, durationSeconds: number): CallStatusUpdate => ({
  callId,
  status: 'COMPLETED',
  event: 'twilio:completed',
  sequence: 3,
  durationSeconds,
});

describe('applying status updates in batches (group commit)', () => {
  it('applies a batch in order with the single-update rules, and publishes after the commit in the same order', async () => {
    const { user, campaign, calls } = await seedRunningCampaign(db.prisma, 2);
    const [a, b] = calls as [(typeof calls)[number], (typeof calls)[number]];
    const results = await applyCallStatusBatch(deps, [
      ringing(a.id),
      answered(a.id),
      ringing(a.id), // a redelivery: a duplicate
      completed(a.id, 12),
      ringing(b.id),
      { callId: b.id, status: 'MISSED', event: 'twilio:no-answer', sequence: 2, durationSeconds: 0 },
      answered(b.id), // after the end: stale
      { callId: '00000000-0000-4000-8000-000000000000', status: 'RINGING', event: 'twilio:ringing', sequence: 1 },
    ]);

    expect(results.map((r) => r.outcome)).toEqual([
      'applied',
      'applied',
      'duplicate',
      'applied',
      'applied',
      'applied',
      'stale',
      'unknown-call',
    ]);
    expect(results.filter((r) => r.campaignCompleted)).toHaveLength(1);
    expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({
      status: 'COMPLETED',
      completedLeads: 2,
      successfulCalls: 1,
      missedCalls: 1,
      totalTalkSeconds: 12,
    });
    expect(await db.prisma.call.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: 'COMPLETED', durationSeconds: 12 });
    expect(await db.prisma.call.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: 'MISSED' });

    const statuses = await waitFor(
      () => {
        const mine = published
          .filter((p) => p.channel === userEventsChannel(user.id))
          .map((p) => JSON.parse(p.message) as { type: string; payload: { callId?: string; status?: string } });
        return mine.some((e) => e.type === 'campaign:completed') ? mine : undefined;
      },
      { what: "the batch's events" },
    );
    expect(statuses.filter((e) => e.type === 'call:status-updated').map((e) => [e.payload.callId, e.payload.status])).toEqual([
      [a.id, 'RINGING'],
      [a.id, 'ANSWERED'],
      [a.id, 'COMPLETED'],
      [b.id, 'RINGING'],
      [b.id, 'MISSED'],
    ]);
    expect(published.filter((p) => p.channel === callEndedChannel(a.id) || p.channel === callEndedChannel(b.id))).toHaveLength(2);
  });

  it('never deadlocks against other batches and single-statement writers of the same calls and campaigns', async () => {
    const campaigns = await Promise.all([
      seedRunningCampaign(db.prisma, 8),
      seedRunningCampaign(db.prisma, 8),
      seedRunningCampaign(db.prisma, 8),
    ]);
    const calls = campaigns.flatMap((c) => c.calls);
    // Every call's lifecycle, spread over overlapping batches in orders that differ from batch to batch,
    // as two consumers and a redelivery would produce, while dialers write some of the same calls alone.
    const updates = calls.flatMap((call, i) => [ringing(call.id), answered(call.id), completed(call.id, 1 + (i % 5))]);
    const batches = Array.from({ length: 8 }, (_, k) =>
      shuffle(
        updates.filter((_, i) => (i + k) % 3 !== 0),
        k + 1,
      ).slice(0, 30),
    );
    const singles = calls.filter((_, i) => i % 2 === 0).map((call, i) => completed(call.id, 1 + ((2 * i) % 5)));

    for (let round = 0; round < 3; round++) {
      await Promise.all([
        ...batches.map((batch) => applyCallStatusBatch(deps, batch)),
        ...singles.map((update) => applyCallStatusUpdate(deps, update)),
      ]);
    }
    // Whatever was left out of the batches, in order, so that every call ends.
    await applyCallStatusBatch(deps, updates);

    expect(warnings.filter((line) => line.includes('lost a lock race'))).toEqual([]);
    for (const { campaign, calls: own } of campaigns) {
      const stored = await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
      expect(stored).toMatchObject({ status: 'COMPLETED', completedLeads: own.length, successfulCalls: own.length });
      const logs = await db.prisma.callLog.groupBy({
        by: ['callId', 'event', 'sequence'],
        where: { campaignId: campaign.id },
        _count: true,
      });
      expect(logs.filter((row) => row._count !== 1)).toEqual([]);
    }
  });

  it('runs a batch again when Postgres picks it as the victim of a deadlock', async () => {
    const { campaign, calls } = await seedRunningCampaign(db.prisma, 2);
    const [a, b] = calls as [(typeof calls)[number], (typeof calls)[number]];
    // Another writer that takes the locks in the wrong order: the campaign first, then a call.
    const rogue = new Client({ connectionString: baseUrl(), options: `-c search_path="${db.schema}"` });
    await rogue.connect();
    try {
      await rogue.query('BEGIN');
      await rogue.query('SELECT "id" FROM "Campaign" WHERE "id" = $1 FOR UPDATE', [campaign.id]);
      const rogueBackend = (await rogue.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

      const batch = applyCallStatusBatch(deps, [ringing(a.id), completed(b.id, 4)]);
      // The batch holds both calls and waits for the campaign...
      await waitFor(
        async () => {
          const { rows } = await rogue.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
            [rogueBackend],
          );
          return rows[0]!.n > 0;
        },
        { what: 'the batch to wait for the campaign lock' },
      );
      // ...and now the rogue waits for a call: a cycle. The batch has waited longest, so its check finds it.
      const rogueWaits = rogue.query('SELECT "id" FROM "Call" WHERE "id" = $1 FOR UPDATE', [a.id]);
      await rogueWaits;
      await rogue.query('ROLLBACK');

      const results = await batch;
      expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
      expect(warnings.filter((line) => line.includes('lost a lock race'))).toHaveLength(1);
      expect(await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({
        completedLeads: 1,
        successfulCalls: 1,
      });
    } finally {
      await rogue.end();
    }
  });
});

function baseUrl(): string {
  const url = new URL(db.url);
  url.searchParams.delete('schema');
  return url.toString();
}

/** A deterministic shuffle, so a failure can be reproduced. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed * 7919;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 48271) % 2147483647;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
