import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { recoveryChannel } from '@dialwave/contracts';
import type { Db } from '@dialwave/db';
import { DependencyMonitor } from '@dialwave/platform';

/**
 * Raises the mark to ARGV[1] (never lowers it) and announces it.
 * KEYS[1]: the mark; ARGV[1]: epoch ms; ARGV[2]: the channel.
 */
const RAISE_MARK = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local mark = tonumber(ARGV[1])
if mark > current then redis.call('SET', KEYS[1], ARGV[1]) end
redis.call('PUBLISH', ARGV[2], ARGV[1])
return math.max(mark, current)
`;

/** Sets KEYS[1] to ARGV[1] unless it already holds a later mark. */
const RAISE_HANDLED = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
`;

export interface RecoveryMarks {
  /** Latest recovery announced: calls live before it may have lost callbacks. Epoch ms, 0 when none. */
  mark: number;
  /** Latest mark whose calls were settled with the carrier. */
  handled: number;
}

/**
 * "Calls live before this moment may have missed a callback": written by any service that sees Redis or
 * Postgres come back (a callback answered 503, or a dialer's wake-up lost meanwhile) or webhook-ingest
 * start (it may have died with callbacks in flight), and read by the dialers' sweep, which asks the carrier
 * about every call still open from before the mark (settleLiveCalls). Kept in Redis so that one sweep, on
 * any replica, settles each mark once; announced on recoveryChannel so waiting dial jobs re-read their call.
 */
export class OutageRecovery {
  private readonly markKey: string;
  private readonly handledKey: string;
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
  ) {
    this.markKey = `${keyPrefix}:recovery:mark`;
    this.handledKey = `${keyPrefix}:recovery:handled`;
    this.channel = recoveryChannel(keyPrefix);
  }

  async mark(at: number = Date.now()): Promise<void> {
    await this.redis.eval(RAISE_MARK, 1, this.markKey, String(at), this.channel);
  }

  async read(): Promise<RecoveryMarks> {
    const [mark, handled] = await this.redis.mget(this.markKey, this.handledKey);
    return { mark: Number(mark ?? 0), handled: Number(handled ?? 0) };
  }

  async markHandled(mark: number): Promise<void> {
    await this.redis.eval(RAISE_HANDLED, 1, this.handledKey, String(mark));
  }
}

/**
 * Writes a mark as soon as Redis takes it: a recovery of Postgres is written at once, one of Redis
 * itself as soon as the client is connected again. Retries for as long as it takes; never throws.
 */
export async function markRecoveryWhenPossible(
  recovery: OutageRecovery,
  at: number,
  onError: (err: unknown) => void,
  signal?: AbortSignal,
): Promise<void> {
  for (let attempt = 0; !signal?.aborted; attempt++) {
    try {
      await recovery.mark(at);
      return;
    } catch (err) {
      if (attempt === 0) onError(err);
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * (attempt + 1), 2000)));
    }
  }
}

export interface RecoveryWatchDeps {
  /** A connection of the service's own whose reconnects reveal a Redis outage. */
  redis: Redis;
  prisma: Db;
  recovery: OutageRecovery;
  logger: Logger;
  registry?: Registry;
}

/**
 * Watches this service's Redis and Postgres (DependencyMonitor) and writes a recovery mark whenever one of
 * them comes back. stop() it on shutdown, before the connections close.
 */
export function watchForRecoveries(deps: RecoveryWatchDeps): { stop(): void } {
  const stopping = new AbortController();
  const monitor = new DependencyMonitor(
    deps.logger,
    ({ upAt }) =>
      void markRecoveryWhenPossible(
        deps.recovery,
        upAt,
        (err) => deps.logger.warn({ err }, 'could not write the recovery mark yet; retrying'),
        stopping.signal,
      ),
    deps.registry,
  );
  monitor.watchRedis(deps.redis);
  monitor.watchPostgres(async () => {
    const rows = await deps.prisma.$queryRaw<{ started: Date }[]>`SELECT pg_postmaster_start_time() AS started`;
    return rows[0]!.started.toISOString();
  });
  return {
    stop() {
      stopping.abort();
      monitor.stop();
    },
  };
}
