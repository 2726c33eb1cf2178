import type { Logger } from 'pino';
import { isDatabaseUnavailableError } from '@dialwave/db';
import type { IngestMetrics } from '../http/ingest-metrics';
import type { ApplyReport } from './callback-applier';
import type { CallbackStreams, StreamEntry } from './callback-streams';
import type { PartitionLeases } from './partition-leases';

export interface CallbackConsumerConfig {
  /** This consumer's name in the group; stable across restarts of the same instance (see main.ts). */
  consumer: string;
  /** Most entries applied in one transaction. */
  batchSize: number;
  /** An entry handed out this many times without being applied is moved to the dead-letter stream. */
  maxDeliveries: number;
  /** How long one read waits for new entries before it looks at the leases again. */
  blockMs?: number;
}

export interface CallbackConsumerDeps {
  /** On a connection of its own: reads block. */
  streams: CallbackStreams;
  leases: PartitionLeases;
  apply(entries: readonly StreamEntry[]): Promise<ApplyReport>;
  metrics: IngestMetrics;
  logger: Logger;
  config: CallbackConsumerConfig;
}

/** Longest wait between two tries while Postgres is away: what is kept applies within this of its return. */
const MAX_RETRY_DELAY_MS = 1000;
/** Pause before an entry that failed on its own is tried again. */
const FAILED_ENTRY_DELAY_MS = 250;

/**
 * Applies stored callbacks from the partitions this consumer holds: reads a batch (whatever arrived since
 * the last one, up to batchSize: under load batches grow by themselves, which is the group commit), applies
 * it in one transaction, and acknowledges it only after the commit. While Postgres is away the same batch
 * is tried again, at most a second apart, and nothing is acknowledged, so nothing is lost. A batch that
 * fails for another reason is applied entry by entry to isolate the entry at fault, which stays pending and
 * is retried; after maxDeliveries it goes to the dead-letter stream, logged.
 */
export class CallbackConsumer {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  /** Partitions whose pending entries (ours, or claimed from a dead consumer) must be read before new ones. */
  private readonly pending = new Set<number>();
  private known = new Set<number>();
  private outageSince: number | undefined;

  constructor(private readonly deps: CallbackConsumerDeps) {}

  async start(): Promise<void> {
    await this.deps.streams.ensureGroups();
    await this.deps.leases.start();
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in hand (or leaves it pending if Postgres is away), then gives the partitions back. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping.abort();
    await this.loop;
    await this.deps.leases.stop();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.step();
        failures = 0;
      } catch (err) {
        failures += 1;
        if (String(err).includes('NOGROUP')) {
          // The streams' groups are gone (a Redis that lost its data): create them again and carry on.
          this.deps.logger.warn('callback consumer group missing; creating it again');
          await this.deps.streams.ensureGroups().catch(() => undefined);
        } else if (failures === 1 || failures % 30 === 0) {
          this.deps.logger.error({ err, failures }, 'callback consumer step failed; retrying');
        }
        await this.pause(Math.min(100 * failures, MAX_RETRY_DELAY_MS));
      }
    }
  }

  private async step(): Promise<void> {
    const { streams, leases, config } = this.deps;
    const owned = [...leases.owned].sort((a, b) => a - b);
    for (const partition of owned) {
      if (this.known.has(partition)) continue;
      // A partition just taken over: what its previous owner held but never acknowledged comes first.
      const claimed = await streams.claimAll(config.consumer, partition);
      if (claimed > 0) this.deps.logger.info({ partition, claimed }, 'claimed pending callbacks of the previous owner');
      this.pending.add(partition);
    }
    this.known = new Set(owned);
    for (const partition of this.pending) if (!this.known.has(partition)) this.pending.delete(partition);
    if (owned.length === 0) {
      await leases.changed(config.blockMs ?? 1000);
      return;
    }

    const entries: StreamEntry[] = [];
    for (const partition of owned.filter((p) => this.pending.has(p))) {
      const found = await streams.readPending(config.consumer, partition, config.batchSize);
      if (found.length === 0) this.pending.delete(partition);
      entries.push(...found);
      if (entries.length >= config.batchSize) break;
    }
    if (entries.length === 0 && this.pending.size === 0) {
      const perStream = Math.max(1, Math.ceil(config.batchSize / owned.length));
      entries.push(...(await streams.readNew(config.consumer, owned, perStream, config.blockMs ?? 1000)));
    }
    if (entries.length > 0) await this.process(entries);
  }

  private async process(entries: StreamEntry[]): Promise<void> {
    const { streams, config, logger } = this.deps;
    // Deleted while pending (acknowledged elsewhere after a lease changed hands): nothing left to do.
    await streams.acknowledge(entries.filter((e) => e.fields === null));
    let work: StreamEntry[] = [];
    for (const entry of entries) {
      if (entry.fields === null) continue;
      if (entry.deliveries > config.maxDeliveries)
        await this.deadLetter(entry, `handed out ${entry.deliveries - 1} times without being applied`);
      else work.push(entry);
    }
    let delay = 100;
    for (;;) {
      // A partition lost meanwhile belongs to its new owner, which claims these entries.
      work = work.filter((entry) => this.deps.leases.owned.has(entry.partition));
      if (work.length === 0) return;
      try {
        await this.finish(await this.deps.apply(work));
        this.deps.metrics.batchApplied(work.length);
        if (this.outageSince !== undefined) {
          logger.info({ waitedMs: Date.now() - this.outageSince }, 'database is back; applying the callbacks kept meanwhile');
          this.outageSince = undefined;
        }
        return;
      } catch (err) {
        if (!isDatabaseUnavailableError(err)) {
          await this.applyOneByOne(work);
          return;
        }
        if (this.outageSince === undefined) {
          this.outageSince = Date.now();
          logger.warn({ err, waiting: work.length }, 'database unavailable; callbacks are kept in Redis and applied when it is back');
        }
        if (!this.running) return;
        await this.pause(delay);
        delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
      }
    }
  }

  /** The batch failed for a reason of its own: find the entries at fault, apply the rest. */
  private async applyOneByOne(work: StreamEntry[]): Promise<void> {
    for (const entry of work) {
      try {
        await this.finish(await this.deps.apply([entry]));
      } catch (err) {
        this.pending.add(entry.partition);
        if (isDatabaseUnavailableError(err)) return;
        if (entry.deliveries >= this.deps.config.maxDeliveries) {
          await this.deadLetter(entry, err instanceof Error ? err.message : String(err));
        } else {
          this.deps.logger.warn(
            { err, entryId: entry.id, partition: entry.partition, deliveries: entry.deliveries },
            'stored callback could not be applied; will retry',
          );
        }
      }
    }
    if (this.pending.size > 0) await this.pause(FAILED_ENTRY_DELAY_MS);
  }

  private async finish(report: ApplyReport): Promise<void> {
    for (const { entry, reason } of report.unreadable) await this.deadLetter(entry, reason);
    await this.deps.streams.acknowledge(report.settled);
  }

  private async deadLetter(entry: StreamEntry, reason: string): Promise<void> {
    this.deps.logger.error(
      { entryId: entry.id, partition: entry.partition, deliveries: entry.deliveries, reason, entry: entry.fields?.entry },
      'stored callback moved to the dead-letter stream',
    );
    this.deps.metrics.deadLettered();
    await this.deps.streams.deadLetter({ entry, reason });
  }

  /** A wait that stop() cuts short. */
  private pause(ms: number): Promise<void> {
    if (this.stopping.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.stopping.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.stopping.signal.addEventListener('abort', done);
    });
  }
}
