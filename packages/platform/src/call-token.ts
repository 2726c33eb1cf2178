import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A token that authorises requests about one call only: HMAC-SHA256 of the call id, keyed by a secret of
 * ours, base64url (URL-safe, no padding, 43 characters). It goes in URLs we hand to a third party that
 * cannot sign its requests (SansPBX status callbacks, the voice runtime's report URL): whoever holds one
 * token can speak about that call and no other, and the secret itself never leaves the deployment.
 */
export function signCallToken(secret: string, callId: string): string {
  return createHmac('sha256', secret).update(callId, 'utf8').digest('base64url');
}

/** True only for the token of exactly this call; compared in constant time. */
export function verifyCallToken(secret: string, callId: string, token: string | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(signCallToken(secret, callId), 'utf8');
  const given = Buffer.from(token, 'utf8');
  // timingSafeEqual throws on buffers of different lengths; a token's length is public (always 43), so
  // refusing a wrong length early leaks nothing.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
