import type { Redis } from 'ioredis';
import request from 'supertest';
import { QUEUE_NAMES } from '@dialwave/contracts';
import { createTestDatabase, waitFor, type TestDatabase } from '@dialwave/testkit';
import { DialerHarness } from './testing/dialer-harness';

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

describe('dialer health and metrics', () => {
  it('is alive, ready when Redis and Postgres answer, and 404s unknown paths in the house error shape', async () => {
    const dialer = harness.addDialer();
    await request(dialer.http).get('/healthz').expect(200, { status: 'ok' });
    await request(dialer.http).get('/readyz').expect(200, { status: 'ready' });
    const missing = await request(dialer.http).get('/nope').expect(404);
    expect(missing.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('counts jobs, dials by provider and time to terminal status', async () => {
    harness.carrier.plan = () => ({ kind: 'auto', status: 'COMPLETED', durationSeconds: 3, afterMs: 10 });
    const dialer = harness.addDialer();
    await dialer.workers.start();
    const { campaignId } = await harness.seedCampaign({ phones: ['+14155550401', '+14155550402'] });
    await waitFor(async () => (await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === 'COMPLETED', {
      what: 'campaign completed',
    });

    const metrics = await waitFor(
      async () => {
        const text = (await request(dialer.http).get('/metrics').expect(200)).text;
        return /dialer_jobs_completed_total\{queue="dial",service="dialer-worker"\} 2/.test(text) ? text : undefined;
      },
      { what: 'both jobs counted' },
    );
    expect(metrics).toMatch(/dialer_calls_dialed_total\{provider="SIMULATOR",service="dialer-worker"\} 2/);
    expect(metrics).toMatch(/dialer_call_time_to_terminal_seconds_count\{service="dialer-worker",status="COMPLETED"\} 2/);
    expect(metrics).toMatch(/dialer_jobs_active\{queue="dial",service="dialer-worker"\} 0/);
  });

  it('starts no more dials per second than PROVIDER_CPS', async () => {
    let dials = 0;
    const carrier = harness.carrier;
    const dial = carrier.dial.bind(carrier);
    carrier.dial = (req) => {
      dials += 1;
      return dial(req);
    };
    carrier.plan = () => ({ kind: 'auto', status: 'COMPLETED', durationSeconds: 1, afterMs: 5 });
    const dialer = harness.addDialer({ providerCps: 2 });
    await dialer.workers.start();
    const { campaignId } = await harness.seedCampaign({
      phones: ['+14155550501', '+14155550502', '+14155550503', '+14155550504', '+14155550505'],
      maxConcurrentCalls: 5,
    });
    await waitFor(async () => (await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === 'COMPLETED', {
      what: 'campaign completed',
    });
    expect(dials).toBe(5);
    // When each job was let through, on Redis's own clock: BullMQ's limiter counts a job in the same script
    // that writes its `active` event, whose stream id is that script's time in ms. The dials themselves start
    // a variable amount of database work later, so their local times would only show the limit approximately.
    const activeAt = await firstActivationTimes(harness.redis, `${harness.prefix}:${QUEUE_NAMES.dial}:events`);
    expect(activeAt).toHaveLength(5);
    // 2 per second: the 3rd job waits until the 1st one's 1 s window has expired, the 5th for the one after.
    expect(activeAt[2]! - activeAt[0]!).toBeGreaterThanOrEqual(1000);
    expect(activeAt[4]! - activeAt[2]!).toBeGreaterThanOrEqual(1000);
  });
});

/** Each job's first move to active, as the ms part of its `active` event's stream id, in order. */
async function firstActivationTimes(redis: Redis, eventsKey: string): Promise<number[]> {
  const entries = (await redis.xrange(eventsKey, '-', '+')) as [string, string[]][];
  const firstByJob = new Map<string, number>();
  for (const [id, fields] of entries) {
    const event: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) event[fields[i]!] = fields[i + 1]!;
    if (event.event === 'active' && event.jobId && !firstByJob.has(event.jobId)) firstByJob.set(event.jobId, Number(id.split('-')[0]));
  }
  return [...firstByJob.values()].sort((a, b) => a - b);
}
