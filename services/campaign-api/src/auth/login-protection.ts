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
    await this.limits.loginPerIp.take(ip);
    await this.limits.loginPerEmailAndIp.take(pair);
    await this.limits.loginPerEmail.take(account);
    try {
      const result = await login();
      await Promise.all([this.limits.loginPerIp.refund(ip), this.limits.loginPerEmailAndIp.reset(pair), this.limits.loginPerEmail.refund(account)]);
      return result;
    } catch (err) {
      // Only a wrong password counts; our own failure (database down) is not held against the user.
      if (!(err instanceof AppError && err.code === 'UNAUTHENTICATED')) {
        await Promise.all([this.limits.loginPerIp.refund(ip), this.limits.loginPerEmailAndIp.refund(pair), this.limits.loginPerEmail.refund(account)]).catch(
          () => undefined,
        );
      }
      throw err;
    }
  }
}
