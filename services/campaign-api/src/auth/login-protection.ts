import { createHash } from 'node:crypto';
import { AppError } from '@dialwave/platform';
import type { AttemptLimiter } from '../rate-limits/attempt-limiter';

export interface LoginLimiters {
  loginPerIp: AttemptLimiter;
  loginPerEmailAndIp: AttemptLimiter;
  loginPerEmail: AttemptLimiter;
}

/**
 * Login brute-force protection after rate-limiter-flexible's login guide, counting failures only:
 * - per address: one source guessing many accounts;
 * - per email and address, consecutive: one source guessing one account. Keyed by the pair so that an
 *   attacker locks out their own address, never the account's owner elsewhere; a success clears it;
 * - per email from all addresses, with a larger budget and a finite window: a distributed guess at one
 *   account. Only many sources together can reach it, and it frees itself when the window passes.
 * Each attempt is counted before the password check (argon2 is the expensive part a flood would buy)
 * and given back when it succeeds.
 */
export class LoginProtection {
  constructor(private readonly limits: LoginLimiters) {}

  async attempt<T>(ip: string, email: string, login: () => Promise<T>): Promise<T> {
    // Emails go into Redis keys hashed: the limiter needs identity, not the address itself.
    const account = createHash('sha256').update(email).digest('base64url').slice(0, 22);
    const pair = `${account}:${ip}`;
    await this.takeAll([
      [this.limits.loginPerIp, ip],
      [this.limits.loginPerEmailAndIp, pair],
      [this.limits.loginPerEmail, account],
    ]);
    try {
      const result = await login();
      await Promise.all([
        this.limits.loginPerIp.refund(ip),
        this.limits.loginPerEmailAndIp.reset(pair),
        this.limits.loginPerEmail.refund(account),
      ]);
      return result;
    } catch (err) {
      // Only a wrong password counts; our own failure (database down) is not held against the user, and a
      // refund that fails too must not hide that failure.
      if (!(err instanceof AppError && err.code === 'UNAUTHENTICATED')) {
        await Promise.all([
          this.limits.loginPerIp.refund(ip),
          this.limits.loginPerEmailAndIp.refund(pair),
          this.limits.loginPerEmail.refund(account),
        ]).catch(() => undefined);
      }
      throw err;
    }
  }

  /**
   * Counts the attempt against every budget, or against none: an attempt one limit refuses never reaches
   * the password check, so it is given back to the others (an owner retrying while their account is
   * under a distributed attack does not also use up their own address's budget).
   */
  private async takeAll(budgets: [AttemptLimiter, string][]): Promise<void> {
    const taken: [AttemptLimiter, string][] = [];
    for (const [limiter, key] of budgets) {
      try {
        await limiter.take(key);
        taken.push([limiter, key]);
      } catch (err) {
        // The refusal is what the caller must hear; a refund lost to a Redis hiccup only costs one point.
        await Promise.all(taken.map(([earlier, earlierKey]) => earlier.refund(earlierKey))).catch(() => undefined);
        throw err;
      }
    }
  }
}
