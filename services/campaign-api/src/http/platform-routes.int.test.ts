import { Writable } from 'node:stream';
import request from 'supertest';
import { createLogger } from '@dialwave/platform';
import { randomPrefix } from '@dialwave/testkit';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

describe('health, metrics, errors and Bull Board', () => {
  let h: ApiHarness;
  let boardless: ApiHarness;
  let user: TestUser;
  const admin = { user: 'ops', password: 's3cret-board' };
  beforeAll(async () => {
    h = await startApiHarness({
      admin,
      rateLimits: { prefix: randomPrefix('rl'), limits: { adminFailuresPerIp: { points: 5, durationSeconds: 60 } } },
    });
    boardless = await startApiHarness();
    user = await h.signup();
  });
  afterAll(async () => {
    await h.close();
    await boardless.close();
  });

  it('answers /healthz, /readyz with Postgres and Redis checked, and /metrics with request latency', async () => {
    expect((await request(h.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(h.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
    await request(h.app).get('/api/agents').set('Authorization', user.auth).expect(200);
    const metrics = await request(h.app).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('http_request_duration_seconds_bucket{');
    expect(metrics.text).toContain('route="/api/agents/"');
  });

  it('answers 400 INVALID_JSON for a malformed JSON body', async () => {
    const res = await request(h.app)
      .post('/api/leads')
      .set('Authorization', user.auth)
      .set('Content-Type', 'application/json')
      .send('{"firstName": "Ada", ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  it('answers 413 for a JSON body over 1 MB and stores nothing', async () => {
    const before = await h.db.prisma.lead.count();
    const res = await request(h.app)
      .post('/api/leads')
      .set('Authorization', user.auth)
      .send({ firstName: 'Big', phone: '+14155550801', company: 'x'.repeat(1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await h.db.prisma.lead.count()).toBe(before);
  });

  it('answers 404 NOT_FOUND in the error shape for an unknown route', async () => {
    const res = await request(h.app).get('/api/nothing-here').set('Authorization', user.auth);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('serves Bull Board with the dial queue only to the admin credentials', async () => {
    const anonymous = await request(h.app).get('/admin/queues');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic/);
    expect((await request(h.app).get('/admin/queues').auth(admin.user, 'wrong')).status).toBe(401);
    expect((await request(h.app).get('/admin/queues').auth('someone', admin.password)).status).toBe(401);
    // A user's API token is not an admin credential.
    expect((await request(h.app).get('/admin/queues').set('Authorization', user.auth)).status).toBe(401);

    const page = await request(h.app).get('/admin/queues').auth(admin.user, admin.password);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
    const queues = await request(h.app).get('/admin/queues/api/queues').auth(admin.user, admin.password);
    expect(queues.status).toBe(200);
    expect(JSON.stringify(queues.body)).toContain('"name":"dial"');
  });

  it('keeps Bull Board read-only: every write is refused and the queues say readOnlyMode', async () => {
    const queues = await request(h.app).get('/admin/queues/api/queues').auth(admin.user, admin.password);
    expect(queues.body.queues).toEqual([expect.objectContaining({ name: 'dial', readOnlyMode: true })]);
    for (const [method, path] of [
      ['put', '/admin/queues/api/queues/dial/pause'],
      ['put', '/admin/queues/api/queues/dial/clean/completed'],
      ['post', '/admin/queues/api/queues/dial/add'],
      ['put', '/admin/queues/api/queues/pause'],
    ] as const) {
      const res = await request(h.app)[method](path).auth(admin.user, admin.password).send({});
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.body.error.message).toMatch(/read-only.*ADMIN_BOARD_WRITE=1/);
    }
    expect(await h.dialQueue.isPaused()).toBe(false);
  });

  it('lets the board change queues only with ADMIN_BOARD_WRITE', async () => {
    const writable = await startApiHarness({ admin: { ...admin, write: true } });
    try {
      const res = await request(writable.app).put('/admin/queues/api/queues/dial/pause').auth(admin.user, admin.password);
      expect(res.status).toBe(200);
      expect(await writable.dialQueue.isPaused()).toBe(true);
    } finally {
      await writable.close();
    }
  });

  it('answers failed admin logins from one address with 429 once over the limit, even with the right password', async () => {
    const from = (ip: string, password: string) =>
      request(h.app).get('/admin/queues').set('X-Forwarded-For', ip).auth(admin.user, password);
    // A browser's first request carries no credentials: that is not a failure.
    for (let i = 0; i < 3; i++) expect((await request(h.app).get('/admin/queues').set('X-Forwarded-For', '203.0.113.50')).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.50', `guess-${i}`)).status).toBe(401);
    const refused = await from('203.0.113.50', admin.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect((await from('198.51.100.50', admin.password)).status).toBe(200);
  });

  it('logs each request without its Authorization header or query string', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = await startApiHarness({}, createLogger('campaign-api-test', 'info', sink));
    try {
      const someone = await logged.signup();
      await request(logged.app).get('/api/agents').set('Authorization', someone.auth).expect(200);
      const requestLine = lines.find((line) => line.includes('"url":"/api/agents"'));
      expect(requestLine).toBeDefined();
      expect(JSON.parse(requestLine ?? '{}')).toMatchObject({ req: { method: 'GET', url: '/api/agents' }, res: { statusCode: 200 } });
      expect(lines.join('')).not.toContain(someone.token);
      expect(lines.join('').toLowerCase()).not.toContain('authorization');
      await request(logged.app).get('/api/leads?search=private-search-term').set('Authorization', someone.auth).expect(200);
      expect(lines.some((line) => line.includes('"url":"/api/leads"'))).toBe(true);
      expect(lines.join('')).not.toContain('private-search-term');
    } finally {
      await logged.close();
    }
  });

  it('answers 404 at /admin/queues when no admin credentials are configured', async () => {
    expect((await request(boardless.app).get('/admin/queues')).status).toBe(404);
    expect((await request(boardless.app).get('/admin/queues').auth('admin', 'admin')).status).toBe(404);
  });
});
