import jwt from 'jsonwebtoken';
import { signAuthToken, verifyAuthToken } from './auth-token';

const SECRET = 's'.repeat(32);

describe('auth tokens', () => {
  it('carry the user, their email and when they expire', () => {
    const before = Date.now();
    const claims = verifyAuthToken(signAuthToken({ userId: 'u1', email: 'ada@example.com' }, SECRET, 60), SECRET);
    expect(claims).toEqual({ userId: 'u1', email: 'ada@example.com', expiresAt: expect.any(Number) });
    // exp has whole-second precision.
    expect(claims!.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 59_000);
    expect(claims!.expiresAt).toBeLessThanOrEqual(before + 61_000);
  });

  it('refuses a token without exp, even when it is correctly signed', () => {
    const forever = jwt.sign({ email: 'ada@example.com' }, SECRET, { subject: 'u1', issuer: 'dialwave', algorithm: 'HS256' });
    expect(jwt.verify(forever, SECRET)).toMatchObject({ sub: 'u1' });
    expect(verifyAuthToken(forever, SECRET)).toBeUndefined();
  });

  it('refuses an expired token, another secret, another issuer and another algorithm', () => {
    const expired = jwt.sign({ email: 'a@example.com', exp: Math.floor(Date.now() / 1000) - 10 }, SECRET, {
      subject: 'u1',
      issuer: 'dialwave',
    });
    expect(verifyAuthToken(expired, SECRET)).toBeUndefined();
    expect(verifyAuthToken(signAuthToken({ userId: 'u1', email: 'a@example.com' }, 'x'.repeat(32)), SECRET)).toBeUndefined();
    expect(
      verifyAuthToken(jwt.sign({ email: 'a@example.com' }, SECRET, { subject: 'u1', issuer: 'other', expiresIn: 60 }), SECRET),
    ).toBeUndefined();
    expect(
      verifyAuthToken(
        jwt.sign({ email: 'a@example.com' }, SECRET, { subject: 'u1', issuer: 'dialwave', expiresIn: 60, algorithm: 'HS512' }),
        SECRET,
      ),
    ).toBeUndefined();
    expect(verifyAuthToken(undefined, SECRET)).toBeUndefined();
  });
});
