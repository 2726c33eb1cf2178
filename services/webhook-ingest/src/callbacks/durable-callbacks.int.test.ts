import type { Redis } from 'ioredis';
import pino from 'pino';
import { Registry } from 'prom-client';
import { RedisEventPublisher } from '@dialwave/infra';
import { createRedis, waitForRedis } from '@dialwave/platform/redis';
import { startPrivatePostgres, startPrivateRedis, waitFor, type PrivatePostgres, type PrivateRedis } from '@dialwave/testkit';
import { CallRepository } from '../calls/call.repository';
import { IngestMetrics } from '../http/ingest-metrics';
import { startIngestHarness, twilioCallback, type IngestHarness, type SeededCampaign } from '../testing/ingest-harness';
import { applyCallbackEntries } from './callback-applier';
import { CallbackConsumer } from './callback-consumer';
import { CallbackStreams, partitionOf, type StreamEntry } from './callback-streams';
import { PartitionLeases } from './partition-leases';

/**
 * The durable callback path against servers this suite owns: its own Postgres cluster (stopped for an
 * outage) and its own redis-server (stopped to prove the 503), never the shared ones.
 */
let pg: PrivatePostgres;
let redisServer: PrivateRedis;
let h: IngestHarness;

beforeAll(async () => {
  [pg, redisServer] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
  h = await startIngestHarness({ databaseUrl: pg.url, redisUrl: redisServer.url, leaseMs: 1000 });
}, 60_000);

afterAll(async () => {
  if (!pg.isRunning()) await pg.start();
  if (!redisServer.isRunning()) await redisServer.start();
  await h?.close();
  await Promise.all([pg?.close(), redisServer?.close()]);
}, 60_000);

const statusPath = (callId: string) => `/twilio/status?callId=${callId}`;
const callOf = (id: string) => h.db.prisma.call.findUniqueOrThrow({ where: { id } });

function lifecycle(call: SeededCampaign['calls'][number], seconds: number): Record<string, string>[] {
  return [
    twilioCallback(call.providerCallSid, 'initiated', 0),
    twilioCallback(call.providerCallSid, 'ringing', 1),
    twilioCallback(call.providerCallSid, 'in-progress', 2, { AnsweredBy: 'human' }),
    twilioCallback(call.providerCallSid, 'completed', 3, { CallDuration: String(seconds), AnsweredBy: 'human' }),
  ];
}

describe('callbacks survive a database outage', () => {
  it('answers 200 while Postgres is down, and applies everything in order within 5 s of its return', async () => {
    const seeded = await h.seedCampaign({ leads: 4 });
    await pg.stop('fast');
    const stoppedAt = Date.now();

    for (const [i, call] of seeded.calls.entries()) {
      for (const params of lifecycle(call, 10 + i)) {
        const res = await h.signedPostOnly(statusPath(call.id), params);
        expect(res.status).toBe(200);
      }
      // A redelivery in the middle of the outage.
      expect((await h.signedPostOnly(statusPath(call.id), lifecycle(call, 10 + i)[3]!)).status).toBe(200);
    }
    expect(await h.ingest.streams.backlog()).toBe(seeded.calls.length * 5);
    // Held at least until the database is back: the consumer cannot have applied any of it.
    await pg.start();
    const startedAt = Date.now();
    await waitFor(async () => (await h.ingest.streams.backlog()) === 0, { timeoutMs: 30_000, what: 'the kept callbacks to be applied' });
    const appliedWithinMs = Date.now() - startedAt;
    process.stdout.write(`durable callbacks: outage ${startedAt - stoppedAt} ms, applied ${appliedWithinMs} ms after Postgres was back\n`);
    expect(appliedWithinMs).toBeLessThan(5000);

    for (const [i, call] of seeded.calls.entries()) {
      expect(await callOf(call.id)).toMatchObject({ status: 'COMPLETED', durationSeconds: 10 + i, answeredBy: 'human' });
      const logs = await h.db.prisma.callLog.findMany({ where: { callId: call.id }, orderBy: { timestamp: 'asc' } });
      // Applied in arrival order, and logged at the time they were received, not when they were applied.
      expect(logs.map((l) => l.sequence)).toEqual([0, 1, 2, 3]);
      expect(logs.every((l) => l.timestamp.getTime() < startedAt)).toBe(true);
    }
    expect(await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: seeded.campaignId } })).toMatchObject({
      status: 'COMPLETED',
      completedLeads: 4,
      successfulCalls: 4,
      totalTalkSeconds: 10 + 11 + 12 + 13,
    });
  }, 120_000);

  it('answers 503 with Retry-After while Redis is down, and 200 again once it is back', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    await redisServer.stop('SIGKILL');
    const refused = await h.signedPostOnly(statusPath(call.id), twilioCallback(call.providerCallSid, 'ringing', 1));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toMatchObject({ error: { code: 'UNAVAILABLE' } });

    await redisServer.start();
    const accepted = await waitFor(
      async () => {
        const res = await h.signedPostOnly(statusPath(call.id), twilioCallback(call.providerCallSid, 'ringing', 1));
        return res.status === 200 ? res : undefined;
      },
      { timeoutMs: 20_000, what: 'webhook-ingest to accept callbacks again' },
    );
    expect(accepted.status).toBe(200);
    await h.settled();
    expect(await callOf(call.id)).toMatchObject({ status: 'RINGING' });
  }, 60_000);
});

describe('the callback consumer group', () => {
  let extraRedis: Redis[] = [];
  const logger = pino({ level: 'silent' });

  afterEach(async () => {
    await Promise.all(extraRedis.map((r) => r.quit().catch(() => r.disconnect())));
    extraRedis = [];
  });

  async function connection(role: 'producer' | 'worker'): Promise<Redis> {
    const client = createRedis(redisServer.url, role);
    extraRedis.push(client);
    await waitForRedis(client);
    return client;
  }

  function applierDeps() {
    return {
      prisma: h.db.prisma,
      events: new RedisEventPublisher(h.redis),
      logger,
      calls: new CallRepository(h.db.prisma),
      metrics: new IngestMetrics(new Registry()),
    };
  }

  it("takes over a dead consumer's partitions and applies the entries it had taken but never acknowledged", async () => {
    const prefix = `takeover-${Date.now()}`;
    const seeded = await h.seedCampaign({ leads: 3 });
    const producer = await connection('producer');
    const streams = new CallbackStreams(producer, prefix);
    await streams.ensureGroups();

    // Consumer A takes the entries and hangs in the database call; then it dies (its connections cut).
    let reachedApply!: () => void;
    const applying = new Promise<void>((resolve) => (reachedApply = resolve));
    let releaseA!: (err: Error) => void;
    const hung = new Promise<never>((_resolve, reject) => (releaseA = reject));
    const aProducer = await connection('producer');
    const aConsumerRedis = await connection('worker');
    const a = new CallbackConsumer({
      streams: new CallbackStreams(aConsumerRedis, prefix),
      leases: new PartitionLeases(aProducer, prefix, { consumer: 'a', leaseMs: 800 }, logger),
      apply: () => {
        reachedApply();
        return hung;
      },
      metrics: new IngestMetrics(new Registry()),
      logger,
      config: { consumer: 'a', batchSize: 100, maxDeliveries: 5, blockMs: 200 },
    });
    await a.start();
    for (const call of seeded.calls) {
      await streams.append(call.id, {
        v: 1,
        kind: 'twilio-status',
        callId: call.id,
        payload: twilioCallback(call.providerCallSid, 'busy', 1, { CallDuration: '0' }),
        receivedAt: Date.now(),
      });
    }
    await applying;
    aProducer.disconnect();
    aConsumerRedis.disconnect();

    const bProducer = await connection('producer');
    const b = new CallbackConsumer({
      streams: new CallbackStreams(await connection('worker'), prefix),
      leases: new PartitionLeases(bProducer, prefix, { consumer: 'b', leaseMs: 800 }, logger),
      apply: (entries: readonly StreamEntry[]) => applyCallbackEntries(applierDeps(), entries),
      metrics: new IngestMetrics(new Registry()),
      logger,
      config: { consumer: 'b', batchSize: 100, maxDeliveries: 5, blockMs: 200 },
    });
    await b.start();
    try {
      await waitFor(async () => (await streams.backlog()) === 0, { timeoutMs: 20_000, what: "b to apply a's entries" });
      for (const call of seeded.calls) expect(await callOf(call.id)).toMatchObject({ status: 'BUSY' });
      expect(await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: seeded.campaignId } })).toMatchObject({
        completedLeads: 3,
        missedCalls: 3,
      });
    } finally {
      await b.stop();
      // Let the dead consumer's loop end, so the test leaves nothing running.
      const aStopped = a.stop().catch(() => undefined);
      releaseA(Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' }));
      await aStopped;
    }
  }, 60_000);

  it('moves an unreadable entry and one that keeps failing to the dead-letter stream, and applies the rest of their partition', async () => {
    const prefix = `poison-${Date.now()}`;
    const seeded = await h.seedCampaign({ leads: 2 });
    const [good, cursed] = seeded.calls as [SeededCampaign['calls'][number], SeededCampaign['calls'][number]];
    const producer = await connection('producer');
    const streams = new CallbackStreams(producer, prefix);
    await streams.ensureGroups();
    const cursedPartition = partitionOf(cursed.id);
    // Written by something that is not us (or an older release): not an entry we can read.
    await producer.xadd(streams.keys[cursedPartition]!, '*', 'entry', '{"v":1,"kind":"twilio-status"');
    const append = (call: SeededCampaign['calls'][number], status: string, sequence: number) =>
      streams.append(call.id, {
        v: 1,
        kind: 'twilio-status',
        callId: call.id,
        payload: twilioCallback(call.providerCallSid, status, sequence, { CallDuration: '4' }),
        receivedAt: Date.now(),
      });
    await append(cursed, 'ringing', 1);
    await append(good, 'ringing', 1);
    await append(good, 'completed', 2);

    const metrics = new IngestMetrics(new Registry());
    const consumer = new CallbackConsumer({
      streams: new CallbackStreams(await connection('worker'), prefix),
      leases: new PartitionLeases(producer, prefix, { consumer: 'c', leaseMs: 1000 }, logger),
      // The cursed call's callbacks break whatever applies them (a bug, a value the database refuses).
      apply: (entries: readonly StreamEntry[]) => {
        if (entries.some((e) => e.fields?.entry?.includes(cursed.id)))
          return Promise.reject(new Error('value out of range for type integer'));
        return applyCallbackEntries(applierDeps(), entries);
      },
      metrics,
      logger,
      config: { consumer: 'c', batchSize: 100, maxDeliveries: 3, blockMs: 200 },
    });
    await consumer.start();
    try {
      await waitFor(async () => (await streams.backlog()) === 0, { timeoutMs: 20_000, what: 'the partitions to drain' });
      expect(await streams.deadLetterCount()).toBe(2);
      const dead = (await producer.xrange(streams.deadLetterKey, '-', '+')).map(([, fields]) => Object.fromEntries(chunk(fields)));
      expect(dead.map((d) => d.reason)).toEqual([expect.stringContaining('JSON'), 'value out of range for type integer']);
      expect(dead[1]).toMatchObject({ deliveries: '3', entry: expect.stringContaining(cursed.id) });
      expect(await callOf(good.id)).toMatchObject({ status: 'COMPLETED', durationSeconds: 4 });
      expect(await callOf(cursed.id)).toMatchObject({ status: 'INITIATED' });
    } finally {
      await consumer.stop();
    }
  }, 60_000);
});

function chunk(flat: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  return pairs;
}
