import { randomBytes } from 'node:crypto';

export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A random BullMQ prefix / key namespace per suite, as BullMQ's own tests use a random queue name. */
export function randomPrefix(label = 'test'): string {
  return `${label}-${randomBytes(5).toString('hex')}`;
}
