import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@dialwave/platform';
import type { RateLimitSpec } from './rate-limit-spec';

/**
 * One budget of attempts per key (an address, an email, a user), counted in Redis so that every API
 * replica shares it. Over budget: a 429 whose Retry-After is when the window frees a point.
 */
export class AttemptLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(
    redis: Redis,
    keyPrefix: string,
    private readonly spec: RateLimitSpec,
    /** What is limited, for the 429's message: "login attempts from this address". */
    private readonly what: string,
  ) {
    this.limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix, points: spec.points, duration: spec.durationSeconds });
  }

  /**
   * Counts one attempt, before the work it guards: concurrent attempts are all counted, so a flood cannot
   * slip past a check that has not seen its siblings yet.
   */
  async take(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (err) {
      throw this.toAppError(err);
    }
  }

  /** 429 when the budget is spent, without counting (for attempts counted only when they fail). */
  async assertAvailable(key: string): Promise<void> {
    const state = await this.limiter.get(key).catch((err: unknown) => Promise.reject(this.toAppError(err)));
    if (state && state.consumedPoints >= this.spec.points) throw this.exceeded(state);
  }

  /** Gives back a point: a successful attempt is not held against the key. */
  async refund(key: string): Promise<void> {
    await this.limiter.reward(key, 1).catch((err: unknown) => Promise.reject(this.toAppError(err)));
  }

  /** Forgets the key: a success clears its run of consecutive failures. */
  async reset(key: string): Promise<void> {
    await this.limiter.delete(key).catch((err: unknown) => Promise.reject(this.toAppError(err)));
  }

  private exceeded(state: RateLimiterRes): AppError {
    return AppError.rateLimited(`Too many ${this.what}; try again later`, state.msBeforeNext);
  }

  private toAppError(err: unknown): AppError {
    // The library rejects with its result object when the budget is spent, and with an Error when Redis fails.
    if (err instanceof RateLimiterRes) return this.exceeded(err);
    if (err instanceof AppError) return err;
    const unavailable = new AppError('UNAVAILABLE', 'Service temporarily unavailable; try again shortly');
    unavailable.cause = err;
    return unavailable;
  }
}
