import jwt from 'jsonwebtoken';
import request from 'supertest';
import { verifyAuthToken } from '@dialwave/platform';
import { startApiHarness, TEST_JWT_SECRET, type ApiHarness } from '../testing/api-harness';

describe('auth, production posture with open signup', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ developmentMode: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('signs up a user with an argon2 hash, then logs in for a token of that user', async () => {
    const res = await request(h.app).post('/api/auth/signup').send({ email: ' Ada@Example.com ', password: 'analytical', name: 'Ada' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'accepted', message: expect.any(String) });
    const stored = await h.db.prisma.user.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const login = await request(h.app).post('/api/auth/login').send({ email: 'ada@example.com', password: 'analytical' });
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({ id: stored.id, email: 'ada@example.com', name: 'Ada' });
    expect(login.body.user.passwordHash).toBeUndefined();
    expect(verifyAuthToken(login.body.token, TEST_JWT_SECRET)).toEqual({
      userId: stored.id,
      email: 'ada@example.com',
      expiresAt: expect.any(Number),
    });
  });

  it('answers a taken email exactly as a new one, and leaves the existing account untouched', async () => {
    const fresh = await request(h.app).post('/api/auth/signup').send({ email: 'dup@example.com', password: 'password1', name: 'A' });
    const taken = await request(h.app).post('/api/auth/signup').send({ email: 'DUP@example.com', password: 'password2', name: 'B' });
    expect(taken.status).toBe(fresh.status);
    expect(taken.body).toEqual(fresh.body);
    expect(await h.db.prisma.user.count({ where: { email: 'dup@example.com' } })).toBe(1);
    expect((await h.db.prisma.user.findUniqueOrThrow({ where: { email: 'dup@example.com' } })).name).toBe('A');
    // Only the owner's password opens it: the second signup created nothing and took nothing over.
    expect((await request(h.app).post('/api/auth/login').send({ email: 'dup@example.com', password: 'password2' })).status).toBe(401);
    expect((await request(h.app).post('/api/auth/login').send({ email: 'dup@example.com', password: 'password1' })).status).toBe(200);
  });

  it('rejects a short password with a 400 naming the password field', async () => {
    const res = await request(h.app).post('/api/auth/signup').send({ email: 'short@example.com', password: 'abc', name: 'S' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
  });

  it('logs in with the right password and refuses a wrong password or unknown email with 401', async () => {
    await request(h.app).post('/api/auth/signup').send({ email: 'grace@example.com', password: 'cobol-rules', name: 'Grace' }).expect(202);
    const ok = await request(h.app).post('/api/auth/login').send({ email: 'grace@example.com', password: 'cobol-rules' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe('grace@example.com');
    expect(verifyAuthToken(ok.body.token, TEST_JWT_SECRET)?.userId).toBe(ok.body.user.id);

    const wrong = await request(h.app).post('/api/auth/login').send({ email: 'grace@example.com', password: 'fortran' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
    const unknown = await request(h.app).post('/api/auth/login').send({ email: 'nobody@example.com', password: 'whatever' });
    expect(unknown.status).toBe(401);
  });

  it('answers 401 on protected routes without a token, with a forged token, and 200 with a valid one', async () => {
    const user = await h.signup();
    expect((await request(h.app).get('/api/agents')).status).toBe(401);
    const forged = await request(h.app)
      .get('/api/agents')
      .set('Authorization', `Bearer ${user.token.slice(0, -2)}xx`);
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('UNAUTHENTICATED');
    expect((await request(h.app).get('/api/leads').set('Authorization', 'Basic abc')).status).toBe(401);
    expect((await request(h.app).get('/api/agents').set('Authorization', user.auth)).status).toBe(200);
  });

  it('refuses a correctly signed token that carries no exp', async () => {
    const user = await h.signup('no-exp');
    const forever = jwt.sign({ email: 'no-exp@example.com' }, TEST_JWT_SECRET, {
      subject: user.userId,
      issuer: 'dialwave',
      algorithm: 'HS256',
    });
    const res = await request(h.app).get('/api/agents').set('Authorization', `Bearer ${forever}`);
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Token is invalid or expired' });
    expect((await request(h.app).get('/api/agents').set('Authorization', user.auth)).status).toBe(200);
  });

  it('answers 403 to signup when SIGNUP_MODE is closed, and creates nothing', async () => {
    const closed = await startApiHarness({ signupMode: 'closed' });
    try {
      const res = await request(closed.app)
        .post('/api/auth/signup')
        .send({ email: 'walk-in@example.com', password: 'password1', name: 'W' });
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({ code: 'FORBIDDEN', message: expect.stringContaining('pnpm user:create') });
      expect(await closed.db.prisma.user.count()).toBe(0);
    } finally {
      await closed.close();
    }
  });
});

describe('auth in development mode', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness({ developmentMode: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers signup with 201 and a session of the new user, as the documented contract says', async () => {
    const res = await request(h.app).post('/api/auth/signup').send({ email: 'Linus@Example.com', password: 'penguins!', name: 'Linus' });
    expect(res.status).toBe(201);
    const stored = await h.db.prisma.user.findUniqueOrThrow({ where: { email: 'linus@example.com' } });
    expect(res.body.user).toEqual({ id: stored.id, email: 'linus@example.com', name: 'Linus' });
    expect(verifyAuthToken(res.body.token, TEST_JWT_SECRET)?.userId).toBe(stored.id);
  });

  it('answers a taken email with 409 naming the email field and changes nothing', async () => {
    await request(h.app).post('/api/auth/signup').send({ email: 'taken@example.com', password: 'password1', name: 'A' }).expect(201);
    const taken = await request(h.app).post('/api/auth/signup').send({ email: 'TAKEN@example.com', password: 'password2', name: 'B' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.details).toEqual([expect.objectContaining({ field: 'email' })]);
    expect((await h.db.prisma.user.findUniqueOrThrow({ where: { email: 'taken@example.com' } })).name).toBe('A');
  });
});
