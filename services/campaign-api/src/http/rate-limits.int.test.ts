import request from 'supertest';
import { randomPrefix, waitFor } from '@dialwave/testkit';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

/** Every suite here is its own API on real Redis, with limits small enough to reach in a test. */
const PASSWORD = 'correct horse battery';

function login(h: ApiHarness, ip: string, email: string, password: string) {
  return request(h.app).post('/api/auth/login').set('X-Forwarded-For', ip).send({ email, password });
}

async function signupUser(h: ApiHarness, email: string): Promise<void> {
  await request(h.app)
    .post('/api/auth/signup')
    .set('X-Forwarded-For', '192.0.2.250')
    .send({ email, password: PASSWORD, name: 'U' })
    .expect(201);
}

describe('rate limits', () => {
  const harnesses: ApiHarness[] = [];
  const start = async (...args: Parameters<typeof startApiHarness>) => {
    const h = await startApiHarness(...args);
    harnesses.push(h);
    return h;
  };
  afterAll(async () => {
    for (const h of harnesses) await h.close();
  });

  it('answers a login flood from one address with 429, Retry-After and the JSON error body, counting attempts before the password check', async () => {
    const h = await start({ rateLimits: { prefix: randomPrefix('rl'), limits: { loginPerIp: { points: 5, durationSeconds: 60 } } } });
    // Sent at once: each attempt is counted before argon2 runs, so a burst cannot slip past the limit.
    const flood = await Promise.all(Array.from({ length: 12 }, () => login(h, '203.0.113.5', 'victim@example.com', 'guess')));
    const statuses = flood.map((res) => res.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);

    const refused = await login(h, '203.0.113.5', 'victim@example.com', 'guess');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({ error: { code: 'RATE_LIMITED', message: 'Too many failed logins from this address; try again later' } });
    // Another address is not affected.
    expect((await login(h, '198.51.100.7', 'victim@example.com', 'guess')).status).toBe(401);
  });

  it("locks an attacker's address out of an account after consecutive failures, but never the owner on another address", async () => {
    const h = await start({
      rateLimits: { prefix: randomPrefix('rl'), limits: { loginPerEmailAndIp: { points: 3, durationSeconds: 60 } } },
    });
    await signupUser(h, 'owner@example.com');
    await signupUser(h, 'mallory@example.com');
    for (let i = 0; i < 3; i++) expect((await login(h, '203.0.113.66', 'owner@example.com', `guess-${i}`)).status).toBe(401);
    // Even the right password is refused from that address now...
    expect((await login(h, '203.0.113.66', 'owner@example.com', PASSWORD)).status).toBe(429);
    // ...while the owner logs in from their own, and the attacker's address still reaches other accounts.
    expect((await login(h, '198.51.100.20', 'owner@example.com', PASSWORD)).status).toBe(200);
    expect((await login(h, '203.0.113.66', 'mallory@example.com', PASSWORD)).status).toBe(200);
  });

  it('does not count successful logins, and a success clears the run of failures', async () => {
    const h = await start({
      rateLimits: {
        prefix: randomPrefix('rl'),
        limits: { loginPerIp: { points: 3, durationSeconds: 60 }, loginPerEmailAndIp: { points: 3, durationSeconds: 60 } },
      },
    });
    await signupUser(h, 'busy@example.com');
    for (let i = 0; i < 10; i++) expect((await login(h, '198.51.100.30', 'busy@example.com', PASSWORD)).status).toBe(200);
    expect((await login(h, '198.51.100.30', 'busy@example.com', 'typo')).status).toBe(401);
    expect((await login(h, '198.51.100.30', 'busy@example.com', 'typo')).status).toBe(401);
    expect((await login(h, '198.51.100.30', 'busy@example.com', PASSWORD)).status).toBe(200);
  });

  it('bounds a distributed guess at one account, and the account frees itself when the window passes', async () => {
    // The owner's own address may fail 3 times in a row: the retries refused while the account is blocked
    // must not count against it, or the owner would stay locked out after the window.
    // A short window, so that the test can see it pass; long enough that the failures and the refusals
    // below fall inside it even on a busy machine (the failures run in parallel, counted before argon2).
    const limits = { loginPerEmail: { points: 4, durationSeconds: 6 }, loginPerEmailAndIp: { points: 3, durationSeconds: 60 } };
    const h = await start({ rateLimits: { prefix: randomPrefix('rl'), limits } });
    await signupUser(h, 'target@example.com');
    const guesses = await Promise.all([1, 2, 3, 4].map((i) => login(h, `203.0.113.${i}`, 'target@example.com', 'guess')));
    expect(guesses.map((res) => res.status)).toEqual([401, 401, 401, 401]);
    const blocked = await login(h, '198.51.100.40', 'target@example.com', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(6);
    for (let i = 0; i < 3; i++) expect((await login(h, '198.51.100.40', 'target@example.com', PASSWORD)).status).toBe(429);
    // Not forever: the owner gets in once the window has passed.
    await waitFor(async () => (await login(h, '198.51.100.40', 'target@example.com', PASSWORD)).status === 200, {
      what: 'the account to be usable again',
      timeoutMs: 20_000,
      intervalMs: 250,
    });
  });

  it('holds across replicas: two API processes on one Redis share the budget', async () => {
    const shared = randomPrefix('rl');
    const limits = { loginPerIp: { points: 3, durationSeconds: 60 } };
    const first = await start({ rateLimits: { prefix: shared, limits } });
    const second = await start({ rateLimits: { prefix: shared, limits } });
    expect((await login(first, '203.0.113.80', 'x@example.com', 'guess')).status).toBe(401);
    expect((await login(second, '203.0.113.80', 'x@example.com', 'guess')).status).toBe(401);
    expect((await login(first, '203.0.113.80', 'x@example.com', 'guess')).status).toBe(401);
    expect((await login(second, '203.0.113.80', 'x@example.com', 'guess')).status).toBe(429);
  });

  it('limits signups per address', async () => {
    const h = await start({ rateLimits: { prefix: randomPrefix('rl'), limits: { signupPerIp: { points: 2, durationSeconds: 60 } } } });
    const signup = (ip: string, n: number) =>
      request(h.app)
        .post('/api/auth/signup')
        .set('X-Forwarded-For', ip)
        .send({ email: `walk-in-${n}@example.com`, password: PASSWORD, name: 'W' });
    expect((await signup('203.0.113.90', 1)).status).toBe(201);
    expect((await signup('203.0.113.90', 2)).status).toBe(201);
    const refused = await signup('203.0.113.90', 3);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(await h.db.prisma.user.count({ where: { email: 'walk-in-3@example.com' } })).toBe(0);
    expect((await signup('198.51.100.90', 4)).status).toBe(201);
  });

  it('limits CSV imports per user', async () => {
    const h = await start({ rateLimits: { prefix: randomPrefix('rl'), limits: { importPerUser: { points: 1, durationSeconds: 60 } } } });
    const [alice, bob] = [await h.signup('alice'), await h.signup('bob')];
    const importCsv = (auth: string, phone: string) =>
      request(h.app)
        .post('/api/leads/import')
        .set('Authorization', auth)
        .set('Content-Type', 'text/csv')
        .send(`firstName,lastName,phone,email,company,timezone\nAda,,${phone},,,\n`);
    expect((await importCsv(alice.auth, '+14155550111')).status).toBe(200);
    const refused = await importCsv(alice.auth, '+14155550112');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(await h.db.prisma.lead.count({ where: { userId: alice.userId } })).toBe(1);
    expect((await importCsv(bob.auth, '+14155550113')).status).toBe(200);
  });

  it('takes the client address from X-Forwarded-For only when the peer is a trusted proxy', async () => {
    const h = await start({
      trustProxy: false,
      rateLimits: { prefix: randomPrefix('rl'), limits: { loginPerIp: { points: 2, durationSeconds: 60 } } },
    });
    // Untrusted: a forged header per request does not buy a fresh budget.
    expect((await login(h, '203.0.113.101', 'x@example.com', 'guess')).status).toBe(401);
    expect((await login(h, '203.0.113.102', 'x@example.com', 'guess')).status).toBe(401);
    expect((await login(h, '203.0.113.103', 'x@example.com', 'guess')).status).toBe(429);
  });
});
