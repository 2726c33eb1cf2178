import jwt from 'jsonwebtoken';

export interface AuthClaims {
  userId: string;
  email: string;
}

const ISSUER = 'dialwave';

/** The API issues these tokens; the realtime gateway verifies the same ones in the socket handshake. */
export function signAuthToken(claims: AuthClaims, secret: string, expiresInSeconds = 12 * 3600): string {
  return jwt.sign({ email: claims.email }, secret, { subject: claims.userId, issuer: ISSUER, expiresIn: expiresInSeconds, algorithm: 'HS256' });
}

/** Returns the claims, or undefined when the token is missing, forged or expired. */
export function verifyAuthToken(token: string | undefined, secret: string): AuthClaims | undefined {
  if (!token) return undefined;
  try {
    const payload = jwt.verify(token, secret, { issuer: ISSUER, algorithms: ['HS256'] });
    if (typeof payload === 'string' || !payload.sub || typeof payload.email !== 'string') return undefined;
    return { userId: payload.sub, email: payload.email };
  } catch {
    return undefined;
  }
}
