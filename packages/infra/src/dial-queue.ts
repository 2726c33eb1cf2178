import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type TDialJob } from '@dialwave/contracts';
import { queueTelemetry } from '@dialwave/telemetry';

/** The dial queue as BullMQ has it: what the domain's DialQueue port is given, and what Bull Board, the workers and shutdown use. */
export type BullDialQueue = Queue<TDialJob>;

/**
 * The dial queue holds each campaign's next calls only (the hopper). Finished jobs are kept for a while so
 * Bull Board shows recent failures with their reasons.
 */
export function createDialQueue(connection: Redis, prefix: string): BullDialQueue {
  return new Queue<TDialJob>(QUEUE_NAMES.dial, {
    connection,
    prefix,
    // With tracing on, each job carries the trace it was enqueued in on to the dialer.
    ...queueTelemetry(),
    defaultJobOptions: {
      // Only transient provider errors are retried; the processor throws UnrecoverableError otherwise.
      attempts: 4,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 3600, count: 5000 },
      removeOnFail: { age: 7 * 24 * 3600, count: 20000 },
    },
  });
}
