import jwt from 'jsonwebtoken';
import request from 'supertest';
import { verifyAuthToken } from '@dialwave/platform';
import { startApiHarness, TEST_JWT_SECRET, type ApiHarness } from '../testing/api-harness';

describe('auth', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('signs up a user, stores an argon2 hash and returns a token for that user', async () => {
    const res = await request(h.app).post('/api/auth/signup').send({ email: ' Ada@Example.com ', password: 'analytical', name: 'Ada' });
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({ id: expect.any(String), email: 'ada@example.com', name: 'Ada' });
    expect(res.body.user.passwordHash).toBeUndefined();
    expect(verifyAuthToken(res.body.token, TEST_JWT_SECRET)).toEqual({ userId: res.body.user.id, email: 'ada@example.com', expiresAt: expect.any(Number) });
    const stored = await h.db.prisma.user.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('answers 409 when the email is already registered', async () => {
    await request(h.app).post('/api/auth/signup').send({ email: 'dup@example.com', password: 'password1', name: 'A' }).expect(201);
    const res = await request(h.app).post('/api/auth/signup').send({ email: 'DUP@example.com', password: 'password2', name: 'B' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(await h.db.prisma.user.count({ where: { email: 'dup@example.com' } })).toBe(1);
  });

  it('rejects a short password with a 400 naming the password field', async () => {
    const res = await request(h.app).post('/api/auth/signup').send({ email: 'short@example.com', password: 'abc', name: 'S' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
  });

  it('logs in with the right password and refuses a wrong password or unknown email with 401', async () => {
    await request(h.app).post('/api/auth/signup').send({ email: 'grace@example.com', password: 'cobol-rules', name: 'Grace' }).expect(201);
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
    const forged = await request(h.app).get('/api/agents').set('Authorization', `Bearer ${user.token.slice(0, -2)}xx`);
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('UNAUTHENTICATED');
    expect((await request(h.app).get('/api/leads').set('Authorization', 'Basic abc')).status).toBe(401);
    expect((await request(h.app).get('/api/agents').set('Authorization', user.auth)).status).toBe(200);
  });

  it('refuses a correctly signed token that carries no exp', async () => {
    const user = await h.signup('no-exp');
    const forever = jwt.sign({ email: 'no-exp@example.com' }, TEST_JWT_SECRET, { subject: user.userId, issuer: 'dialwave', algorithm: 'HS256' });
    const res = await request(h.app).get('/api/agents').set('Authorization', `Bearer ${forever}`);
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Token is invalid or expired' });
    expect((await request(h.app).get('/api/agents').set('Authorization', user.auth)).status).toBe(200);
  });
});
