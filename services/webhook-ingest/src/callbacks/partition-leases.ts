import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { CALLBACK_PARTITIONS } from './callback-streams';

/**
 * One Lua call renews this consumer's leases, registers it as alive, and takes free partitions up to its
 * fair share (partitions ÷ live consumers), giving back any above it. Redis's own clock decides expiry, so
 * replicas' clocks do not matter. Returns the partition numbers this consumer holds.
 * KEYS: the partitions' lease keys, then the live-consumer sorted set.
 * ARGV: consumer name, lease ms.
 */
const RENEW_LEASES = `
local partitions = #KEYS - 1
local consumers = KEYS[#KEYS]
local me = ARGV[1]
local leaseMs = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', consumers, now + leaseMs, me)
redis.call('ZREMRANGEBYSCORE', consumers, '-inf', now)
redis.call('PEXPIRE', consumers, leaseMs * 2)
local fair = math.ceil(partitions / math.max(1, redis.call('ZCARD', consumers)))
local held = {}
for i = 1, partitions do
  if redis.call('GET', KEYS[i]) == me then
    if #held < fair then
      redis.call('PEXPIRE', KEYS[i], leaseMs)
      table.insert(held, i - 1)
    else
      redis.call('DEL', KEYS[i])
    end
  end
end
for i = 1, partitions do
  if #held >= fair then break end
  if redis.call('SET', KEYS[i], me, 'NX', 'PX', leaseMs) then table.insert(held, i - 1) end
end
return held
`;

const RELEASE_LEASES = `
for i = 1, #KEYS - 1 do
  if redis.call('GET', KEYS[i]) == ARGV[1] then redis.call('DEL', KEYS[i]) end
end
redis.call('ZREM', KEYS[#KEYS], ARGV[1])
return 1
`;

export interface PartitionLeaseOptions {
  consumer: string;
  /** A dead consumer's partitions are taken over this long after its last renewal. */
  leaseMs: number;
}

/**
 * Which callback partitions this consumer may apply. A partition has one owner at a time, so one call's
 * callbacks are applied in arrival order; a consumer that dies stops renewing and its partitions go to the
 * others (or to itself when it restarts under the same name) within `leaseMs`. If an owner stalls past
 * its lease and another takes over, both may apply the same entries once: the status rules make that a
 * duplicate, never a double count.
 */
export class PartitionLeases {
  private held = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly keys: string[];

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly options: PartitionLeaseOptions,
    private readonly logger: Logger,
  ) {
    this.keys = [
      ...Array.from({ length: CALLBACK_PARTITIONS }, (_, i) => `${prefix}:callbacks:lease:${i}`),
      `${prefix}:callbacks:consumers`,
    ];
  }

  get owned(): ReadonlySet<number> {
    return this.held;
  }

  /** Renews now and then every fifth of the lease, so a renewal can fail a few times before it lapses. */
  async start(): Promise<void> {
    await this.renew();
    this.timer = setInterval(() => void this.renew(), Math.max(100, Math.floor(this.options.leaseMs / 5)));
  }

  /** Resolves at the next change of the partitions held, or after `timeoutMs`. */
  changed(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.listeners.add(done);
    });
  }

  /** Stops renewing and gives every partition back, so another consumer takes over at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
    this.held = new Set();
    await this.redis.eval(RELEASE_LEASES, this.keys.length, ...this.keys, this.options.consumer);
  }

  private renew(): Promise<void> {
    // One renewal at a time: with Redis away, calls queue up behind the reconnect otherwise.
    this.renewing ??= this.renewOnce().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    let held: number[];
    try {
      held = (await this.redis.eval(RENEW_LEASES, this.keys.length, ...this.keys, this.options.consumer, this.options.leaseMs)) as number[];
    } catch (err) {
      this.logger.warn({ err }, 'could not renew callback partition leases');
      return;
    }
    const next = new Set(held.map(Number));
    const gained = [...next].filter((p) => !this.held.has(p));
    const lost = [...this.held].filter((p) => !next.has(p));
    if (gained.length === 0 && lost.length === 0) return;
    this.held = next;
    this.logger.info({ gained, lost, held: next.size }, 'callback partitions changed hands');
    for (const listener of [...this.listeners]) listener();
  }
}
