import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** Apitokens issued by `gentoken`, each valid for a fixed lifetime, counted so tests can prove caching. */
export class SansPbxTokenStore {
  private readonly expiries = new Map<string, number>();
  issued = 0;

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): IssuedToken {
    const token = randomBytes(24).toString('base64url');
    const expiresAtMs = this.now() + this.ttlSeconds * 1000;
    this.expiries.set(token, expiresAtMs);
    this.issued++;
    return { token, expiresAt: new Date(expiresAtMs) };
  }

  isValid(token: string | undefined): boolean {
    if (!token) return false;
    const expiresAtMs = this.expiries.get(token);
    if (expiresAtMs === undefined) return false;
    if (this.now() < expiresAtMs) return true;
    this.expiries.delete(token);
    return false;
  }
}
