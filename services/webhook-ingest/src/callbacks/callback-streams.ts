import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { TCallbackEntry } from '@dialwave/contracts';

/**
 * Callbacks are spread over this many streams by a hash of their call, so that one call's callbacks sit in
 * one stream, in arrival order, and each stream is applied by one consumer at a time (partition-leases.ts).
 * Fixed, not configured: every replica must agree on it, and changing it would strand entries.
 */
export const CALLBACK_PARTITIONS = 16;
export const CONSUMER_GROUP = 'apply';

/** An entry read from a partition stream; `fields` is null when the entry was deleted meanwhile. */
export interface StreamEntry {
  partition: number;
  id: string;
  fields: Record<string, string> | null;
  /** How many times the group has handed this entry out, this delivery included. */
  deliveries: number;
}

export interface DeadLetter {
  entry: StreamEntry;
  reason: string;
}

type RawEntries = [id: string, fields: string[] | null][];
type RawRead = [key: string, entries: RawEntries][] | null;

/** Which partition a callback belongs to: our call id, or the carrier's CallSid when the URL had none. */
export function partitionOf(key: string): number {
  return createHash('sha1').update(key).digest().readUInt32BE(0) % CALLBACK_PARTITIONS;
}

/**
 * Every Redis command on the callback streams. `<prefix>:callbacks:<n>` holds partition n's entries; an
 * entry is acknowledged and deleted once applied, so a stream's length is its backlog.
 * `<prefix>:callbacks:dead` keeps entries that could not be applied (see the consumer).
 */
export class CallbackStreams {
  readonly keys: string[];
  readonly deadLetterKey: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = Array.from({ length: CALLBACK_PARTITIONS }, (_, i) => `${prefix}:callbacks:${i}`);
    this.deadLetterKey = `${prefix}:callbacks:dead`;
  }

  /** The durable write a callback's 2xx waits for. */
  async append(partitionKey: string, entry: TCallbackEntry): Promise<string> {
    const id = await this.redis.xadd(this.keys[partitionOf(partitionKey)]!, '*', 'entry', JSON.stringify(entry));
    return id!;
  }

  async ensureGroups(): Promise<void> {
    await Promise.all(
      this.keys.map((key) =>
        this.redis.xgroup('CREATE', key, CONSUMER_GROUP, '0', 'MKSTREAM').catch((err: unknown) => {
          if (!String(err).includes('BUSYGROUP')) throw err;
        }),
      ),
    );
  }

  /** New entries of these partitions, waiting up to `blockMs` for the first one. */
  async readNew(consumer: string, partitions: number[], count: number, blockMs: number): Promise<StreamEntry[]> {
    const raw = (await this.redis.xreadgroup(
      'GROUP',
      CONSUMER_GROUP,
      consumer,
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      ...partitions.map((p) => this.keys[p]!),
      ...partitions.map(() => '>'),
    )) as RawRead;
    return this.toEntries(raw, () => 1);
  }

  /**
   * Entries of one partition handed to `consumer` and not yet acknowledged (a failed apply, a crash, or
   * claimed from a dead consumer), oldest first, with their delivery counts. Read in two steps because
   * reading the history counts as one more delivery: XPENDING first, for the count before it.
   */
  async readPending(consumer: string, partition: number, count: number): Promise<StreamEntry[]> {
    const key = this.keys[partition]!;
    const pending = (await this.redis.xpending(key, CONSUMER_GROUP, '-', '+', count, consumer)) as [string, string, number, number][];
    if (pending.length === 0) return [];
    const deliveries = new Map(pending.map(([id, , , delivered]) => [id, Number(delivered) + 1]));
    const raw = (await this.redis.xreadgroup('GROUP', CONSUMER_GROUP, consumer, 'COUNT', count, 'STREAMS', key, '0')) as RawRead;
    return this.toEntries(raw, (id) => deliveries.get(id) ?? 1);
  }

  /**
   * Moves every pending entry of a partition to `consumer`, whoever held it (a consumer that died, or
   * gave the partition up). JUSTID: the claim itself does not count as a delivery.
   */
  async claimAll(consumer: string, partition: number): Promise<number> {
    const key = this.keys[partition]!;
    let cursor = '0-0';
    let claimed = 0;
    do {
      const [next, ids] = (await this.redis.xautoclaim(key, CONSUMER_GROUP, consumer, 0, cursor, 'COUNT', 500, 'JUSTID')) as [
        string,
        string[],
      ];
      claimed += ids.length;
      cursor = next;
    } while (cursor !== '0-0');
    return claimed;
  }

  /** Acknowledged and deleted in one step: applied entries leave the stream. */
  async acknowledge(entries: readonly Pick<StreamEntry, 'partition' | 'id'>[]): Promise<void> {
    if (entries.length === 0) return;
    const byPartition = new Map<number, string[]>();
    for (const { partition, id } of entries) byPartition.set(partition, [...(byPartition.get(partition) ?? []), id]);
    const multi = this.redis.multi();
    for (const [partition, ids] of byPartition) {
      multi.xack(this.keys[partition]!, CONSUMER_GROUP, ...ids);
      multi.xdel(this.keys[partition]!, ...ids);
    }
    await multi.exec();
  }

  /** Keeps an entry that cannot be applied, with why, then acknowledges it. */
  async deadLetter({ entry, reason }: DeadLetter): Promise<void> {
    await this.redis.xadd(
      this.deadLetterKey,
      'MAXLEN',
      '~',
      '100000',
      '*',
      'stream',
      this.keys[entry.partition]!,
      'id',
      entry.id,
      'deliveries',
      String(entry.deliveries),
      'reason',
      reason,
      'entry',
      entry.fields?.entry ?? '',
    );
    await this.acknowledge([entry]);
  }

  /** Entries received and not yet applied, over every partition. */
  async backlog(): Promise<number> {
    const pipeline = this.redis.pipeline();
    for (const key of this.keys) pipeline.xlen(key);
    const results = (await pipeline.exec()) ?? [];
    return results.reduce((sum, [err, length]) => sum + (err ? 0 : Number(length)), 0);
  }

  async deadLetterCount(): Promise<number> {
    return this.redis.xlen(this.deadLetterKey);
  }

  private toEntries(raw: RawRead, deliveries: (id: string) => number): StreamEntry[] {
    const entries: StreamEntry[] = [];
    for (const [key, items] of raw ?? []) {
      const partition = this.keys.indexOf(key);
      for (const [id, flat] of items) entries.push({ partition, id, fields: flat ? toFields(flat) : null, deliveries: deliveries(id) });
    }
    return entries;
  }
}

function toFields(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}
