import jwt from 'jsonwebtoken';

export interface AuthClaims {
  userId: string;
  email: string;
}

export interface VerifiedAuthClaims extends AuthClaims {
  /** When the token stops being valid (ms since the epoch): the gateway drops a socket then. */
  expiresAt: number;
}

const ISSUER = 'dialwave';
export const SESSION_TTL_SECONDS = 12 * 3600;

/** The API issues these tokens; the realtime gateway verifies the same ones in the socket handshake. */
export function signAuthToken(claims: AuthClaims, secret: string, expiresInSeconds = SESSION_TTL_SECONDS): string {
  return jwt.sign({ email: claims.email }, secret, {
    subject: claims.userId,
    issuer: ISSUER,
    expiresIn: expiresInSeconds,
    algorithm: 'HS256',
  });
}

/**
 * Returns the claims, or undefined when the token is missing, forged, expired, or has no `exp`:
 * jsonwebtoken accepts a token without one forever, and a session must end.
 */
export function verifyAuthToken(token: string | undefined, secret: string): VerifiedAuthClaims | undefined {
  if (!token) return undefined;
  try {
    const payload = jwt.verify(token, secret, { issuer: ISSUER, algorithms: ['HS256'] });
    if (typeof payload === 'string' || !payload.sub || typeof payload.email !== 'string' || typeof payload.exp !== 'number')
      return undefined;
    return { userId: payload.sub, email: payload.email, expiresAt: payload.exp * 1000 };
  } catch {
    return undefined;
  }
}
