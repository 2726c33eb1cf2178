import request from 'supertest';
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
    await waitFor(async () => (await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === 'COMPLETED', { what: 'campaign completed' });

    const metrics = await waitFor(async () => {
      const text = (await request(dialer.http).get('/metrics').expect(200)).text;
      return /dialer_jobs_completed_total\{queue="dial",service="dialer-worker"\} 2/.test(text) ? text : undefined;
    }, { what: 'both jobs counted' });
    expect(metrics).toMatch(/dialer_calls_dialed_total\{provider="SIMULATOR",service="dialer-worker"\} 2/);
    expect(metrics).toMatch(/dialer_call_time_to_terminal_seconds_count\{service="dialer-worker",status="COMPLETED"\} 2/);
    expect(metrics).toMatch(/dialer_jobs_active\{queue="dial",service="dialer-worker"\} 0/);
  });

  it('starts no more dials per second than PROVIDER_CPS', async () => {
    const startedAt: number[] = [];
    const carrier = harness.carrier;
    const dial = carrier.dial.bind(carrier);
    carrier.dial = (req) => {
      startedAt.push(Date.now());
      return dial(req);
    };
    carrier.plan = () => ({ kind: 'auto', status: 'COMPLETED', durationSeconds: 1, afterMs: 5 });
    const dialer = harness.addDialer({ providerCps: 2 });
    await dialer.workers.start();
    const { campaignId } = await harness.seedCampaign({ phones: ['+14155550501', '+14155550502', '+14155550503', '+14155550504', '+14155550505'], maxConcurrentCalls: 5 });
    await waitFor(async () => (await db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status === 'COMPLETED', {
      what: 'campaign completed',
    });
    expect(startedAt).toHaveLength(5);
    // 2 per second: the 3rd dial waits for the next 1 s window, the 5th for the one after.
    expect(startedAt[2]! - startedAt[0]!).toBeGreaterThanOrEqual(900);
    expect(startedAt[4]! - startedAt[0]!).toBeGreaterThanOrEqual(1900);
  });
});
