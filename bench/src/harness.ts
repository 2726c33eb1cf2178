import { Redis } from 'ioredis';
import { createTestDatabase, randomPrefix, testRedisUrl, type TestDatabase } from '@dialwave/testkit';
import { startStack, type Stack, type StackOptions } from '@dialwave/launcher';

/** What every benchmark gets: its own Postgres schema, its own queue prefix, one Redis client. */
export interface BenchContext {
  db: TestDatabase;
  queuePrefix: string;
  redis: Redis;
  /** Starts the real services on this context's schema and prefix; stopped when the benchmark ends. */
  startStack(options: Omit<StackOptions, 'databaseUrl' | 'queuePrefix'> & { databaseUrl?: string }): Promise<Stack>;
  /** Runs `close` when the benchmark ends, in reverse order of registration. */
  onCleanup(close: () => Promise<unknown>): void;
  progress(message: string): void;
}

const MAX_PREFIX_SCAN_ROUNDS = 10_000;

/**
 * Runs one benchmark on storage nobody else sees and removes that storage afterwards, whatever happens:
 * the schema is dropped and every Redis key under the prefix deleted.
 */
export async function withBenchContext<T>(name: string, run: (context: BenchContext) => Promise<T>): Promise<T> {
  const db = await createTestDatabase();
  const queuePrefix = randomPrefix(`bench-${name}`);
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 3 });
  const cleanups: (() => Promise<unknown>)[] = [];
  const started = Date.now();
  const context: BenchContext = {
    db,
    queuePrefix,
    redis,
    async startStack(options) {
      // Start-up time is not a figure here, and a shared 2-core machine can take long to start four services.
      const stack = await startStack({
        logLines: 400,
        stopGraceMs: 5000,
        readyTimeoutMs: 90_000,
        ...options,
        databaseUrl: options.databaseUrl ?? db.url,
        queuePrefix,
      });
      cleanups.push(() => stack.stop());
      return stack;
    },
    onCleanup(close) {
      cleanups.push(close);
    },
    progress(message) {
      console.log(`[${name} +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
    },
  };
  try {
    return await run(context);
  } finally {
    for (const close of cleanups.reverse()) {
      await close().catch((err: unknown) => console.error(`[${name}] cleanup failed:`, err));
    }
    await deleteKeysUnder(redis, queuePrefix).catch((err: unknown) => console.error(`[${name}] Redis cleanup failed:`, err));
    redis.disconnect();
    await db.drop().catch((err: unknown) => console.error(`[${name}] dropping schema ${db.schema} failed:`, err));
  }
}

/** Every key under `<prefix>:`, found with a bounded SCAN. */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  for (let round = 0; round < MAX_PREFIX_SCAN_ROUNDS; round++) {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
    if (cursor === '0') break;
  }
  return keys;
}

async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  const keys = await keysUnder(redis, prefix);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
}

/** Polls `probe` every `intervalMs` until it returns a value or `timeoutMs` passes (then undefined). */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  { intervalMs, timeoutMs }: { intervalMs: number; timeoutMs: number },
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() <= deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return undefined;
}

/** Names of the stack's processes that have exited, with how; empty while all are alive. */
export function exitedServices(stack: Stack): string[] {
  return [...stack.services].filter(([, service]) => service.hasExited()).map(([name]) => name);
}
