import { signCallToken, verifyCallToken } from './call-token';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('per-call tokens', () => {
  it('are URL-safe HMAC-SHA256 digests that differ per call and per secret', () => {
    const token = signCallToken(SECRET, 'call-a');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signCallToken(SECRET, 'call-a')).toBe(token);
    expect(signCallToken(SECRET, 'call-b')).not.toBe(token);
    expect(signCallToken(`${SECRET}x`, 'call-a')).not.toBe(token);
  });

  it('verify only the token of the same call under the same secret', () => {
    const token = signCallToken(SECRET, 'call-a');
    expect(verifyCallToken(SECRET, 'call-a', token)).toBe(true);
    expect(verifyCallToken(SECRET, 'call-b', token)).toBe(false);
    expect(verifyCallToken('another-secret-of-thirty-two-characters', 'call-a', token)).toBe(false);
  });

  it('refuse a missing, empty, truncated, extended or altered token without throwing', () => {
    const token = signCallToken(SECRET, 'call-a');
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [undefined, '', token.slice(0, 10), `${token}=`, altered, SECRET]) {
      expect(verifyCallToken(SECRET, 'call-a', bad)).toBe(false);
    }
  });
});
