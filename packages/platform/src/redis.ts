import { Redis, type RedisOptions } from 'ioredis';

export type RedisRole =
  /** BullMQ workers and blocking subscribers: commands must wait out a reconnect, never fail. */
  | 'worker'
  /** Producers (API requests, publishers): fail fast while Redis is away instead of queueing in memory. */
  | 'producer';

/**
 * Builds every ioredis client with the settings BullMQ documents for production
 * (https://docs.bullmq.io/guide/going-to-production).
 */
export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const base: RedisOptions =
    role === 'worker' ? { maxRetriesPerRequest: null, enableReadyCheck: true } : { maxRetriesPerRequest: 1, enableOfflineQueue: false };
  return new Redis(url, { ...base, retryStrategy: (times) => Math.min(times * 200, 2000), ...extra });
}

/** Resolves once the client is connected (producers have no offline queue, so they must wait for it). */
export async function waitForRedis(client: Redis, timeoutMs = 5000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not become ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      client.off('ready', onReady);
    };
    client.on('ready', onReady);
  });
}
