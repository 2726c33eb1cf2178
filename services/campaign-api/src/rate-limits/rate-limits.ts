import type { Redis } from 'ioredis';
import { AttemptLimiter } from './attempt-limiter';
import type { RateLimitSpec } from './rate-limit-spec';

/** Every limit of the API; the environment's RATE_LIMIT_* variables override the defaults. */
export interface RateLimitSettings {
  /** Failed logins per client address. */
  loginPerIp: RateLimitSpec;
  /** Consecutive failed logins for one email from one address (a success clears them). */
  loginPerEmailAndIp: RateLimitSpec;
  /** Failed logins for one email from every address together (a distributed guess at one account). */
  loginPerEmail: RateLimitSpec;
  /** Signups per client address. */
  signupPerIp: RateLimitSpec;
  /** CSV imports per user. */
  importPerUser: RateLimitSpec;
  /** Failed Bull Board Basic-auth attempts per client address. */
  adminFailuresPerIp: RateLimitSpec;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  loginPerIp: { points: 50, durationSeconds: 900 },
  loginPerEmailAndIp: { points: 10, durationSeconds: 900 },
  loginPerEmail: { points: 100, durationSeconds: 900 },
  signupPerIp: { points: 10, durationSeconds: 3600 },
  importPerUser: { points: 30, durationSeconds: 3600 },
  adminFailuresPerIp: { points: 10, durationSeconds: 900 },
};

export interface RateLimiters {
  loginPerIp: AttemptLimiter;
  loginPerEmailAndIp: AttemptLimiter;
  loginPerEmail: AttemptLimiter;
  signupPerIp: AttemptLimiter;
  importPerUser: AttemptLimiter;
  adminFailuresPerIp: AttemptLimiter;
}

/** Keys live under `<prefix>:rl:<limit>:`, so deployments and test suites sharing a Redis do not mix. */
export function createRateLimiters(redis: Redis, prefix: string, settings: RateLimitSettings): RateLimiters {
  const limiter = (name: keyof RateLimitSettings, what: string) => new AttemptLimiter(redis, `${prefix}:rl:${name}`, settings[name], what);
  return {
    loginPerIp: limiter('loginPerIp', 'failed logins from this address'),
    loginPerEmailAndIp: limiter('loginPerEmailAndIp', 'failed logins for this account from this address'),
    loginPerEmail: limiter('loginPerEmail', 'failed logins for this account'),
    signupPerIp: limiter('signupPerIp', 'signups from this address'),
    importPerUser: limiter('importPerUser', 'lead imports'),
    adminFailuresPerIp: limiter('adminFailuresPerIp', 'failed admin logins from this address'),
  };
}
