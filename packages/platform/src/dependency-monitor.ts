import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';

export interface DependencyRecovery {
  dependency: string;
  /** When this process first saw it fail (or, for a restart it only noticed afterwards, when it noticed). */
  downSince: number;
  /** When it answered again. */
  upAt: number;
}

export interface DependencyMonitorOptions {
  /** How often the Postgres probe runs. */
  intervalMs?: number;
  /** A probe that takes longer than this counts as a failure. */
  timeoutMs?: number;
}

/**
 * Tracks whether this process can reach Redis and Postgres, logs each outage once (down, then back with
 * how long), exports `dependency_up{dependency}`, and calls `onRecovered` when one comes back: calls that
 * were live meanwhile may have lost callbacks and are settled with the carrier (see outage-recovery).
 * Redis is watched through its client's connection events, which see even a short restart. Postgres is
 * probed; the probe reads the server's start time too, so a restart quicker than the probe interval is
 * still noticed.
 */
export class DependencyMonitor {
  private readonly downSince = new Map<string, number>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly cleanups: (() => void)[] = [];
  private readonly gauge: Gauge<'dependency'> | undefined;
  private postgresStartedAt: string | undefined;
  private probing = false;

  constructor(
    private readonly logger: Logger,
    private readonly onRecovered: (recovery: DependencyRecovery) => void,
    registry?: Registry,
  ) {
    this.gauge = registry
      ? new Gauge({
          name: 'dependency_up',
          help: 'Whether this process reaches the dependency (1) or not (0)',
          labelNames: ['dependency'] as const,
          registers: [registry],
        })
      : undefined;
  }

  /** Redis, through a client's connection events (a client that reconnects on its own, as ours all do). */
  watchRedis(client: Redis, name = 'redis'): void {
    this.gauge?.set({ dependency: name }, client.status === 'ready' ? 1 : 0);
    const onClose = () => this.down(name, new Error('connection closed'));
    const onReady = () => this.up(name);
    client.on('close', onClose);
    client.on('ready', onReady);
    this.cleanups.push(() => {
      client.off('close', onClose);
      client.off('ready', onReady);
    });
  }

  /** Postgres, by a probe that returns the server's start time (`SELECT pg_postmaster_start_time()`). */
  watchPostgres(probe: () => Promise<string>, options: DependencyMonitorOptions = {}, name = 'postgres'): void {
    const intervalMs = options.intervalMs ?? 1000;
    const timeoutMs = options.timeoutMs ?? 2000;
    const run = async () => {
      if (this.probing) return;
      this.probing = true;
      try {
        const startedAt = await withTimeout(probe(), timeoutMs);
        if (this.postgresStartedAt !== undefined && startedAt !== this.postgresStartedAt && !this.downSince.has(name)) {
          // Restarted between two probes: it was down, we just did not see it.
          this.down(name, new Error('server restarted'));
        }
        this.postgresStartedAt = startedAt;
        this.up(name);
      } catch (err) {
        this.down(name, err);
      } finally {
        this.probing = false;
      }
    };
    void run();
    const timer = setInterval(() => void run(), intervalMs);
    timer.unref();
    this.timers.push(timer);
  }

  isUp(name: string): boolean {
    return !this.downSince.has(name);
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    for (const cleanup of this.cleanups) cleanup();
  }

  private down(name: string, err: unknown): void {
    this.gauge?.set({ dependency: name }, 0);
    if (this.downSince.has(name)) return;
    this.downSince.set(name, Date.now());
    this.logger.warn({ dependency: name, err }, 'dependency unavailable');
  }

  private up(name: string): void {
    this.gauge?.set({ dependency: name }, 1);
    const since = this.downSince.get(name);
    if (since === undefined) return;
    this.downSince.delete(name);
    const upAt = Date.now();
    this.logger.info({ dependency: name, downForMs: upAt - since }, 'dependency available again');
    this.onRecovered({ dependency: name, downSince: since, upAt });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
