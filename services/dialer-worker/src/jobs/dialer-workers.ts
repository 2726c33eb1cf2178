import { DelayedError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { JOB_NAMES, QUEUE_NAMES } from '@dialwave/contracts';
import { isDatabaseUnavailableError } from '@dialwave/db';
import { queueTelemetry } from '@dialwave/telemetry';
import { HandOverError, type CallEndWatcher } from '../dialing/call-end-watcher';
import type { DialingDeps } from '../dialing/dialing-deps';
import { ActiveJobs } from './active-jobs';
import { dialCatalogue, maintenanceCatalogue, QUEUE_JOB_NAMES } from './catalogues';
import { createCatalogueProcessor } from './job-catalogue';
import type { MaintenanceQueue } from './maintenance-queue';

export interface WorkerConfig {
  queuePrefix: string;
  concurrency: number;
  /** Dials started per second across every replica (BullMQ's queue-wide limiter); unset = no limit. */
  providerCps?: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** 0 leaves the sweep unscheduled (tests that run it by hand). */
  sweepIntervalMs: number;
}

export const SWEEP_SCHEDULER_ID = 'dial-sweep';
/** How long handed-back jobs get to leave once told to. */
const HAND_OVER_TIMEOUT_MS = 5000;

/** How long a dial job that found Postgres away waits before it runs again. */
const DATABASE_RETRY_DELAY_MS = 1000;

/**
 * A dial job told to hand over goes straight back to `wait` (lock released, no attempt used), so another
 * replica takes it at once instead of after a stall check. A job that found Postgres away is put off for
 * a second, also without using an attempt: an outage is nobody's fault, and a 10 s one must not use up
 * the retries a carrier error is entitled to. Its re-run resumes the call without dialing it again.
 */
function handBackOnHandOver(processor: (job: Job) => Promise<unknown>, logger: Logger) {
  return async (job: Job, token?: string): Promise<unknown> => {
    try {
      return await processor(job);
    } catch (err) {
      if (token && err instanceof HandOverError) {
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (token && isDatabaseUnavailableError(err)) {
        logger.warn({ jobId: job.id, err }, 'database unavailable; the dial job runs again shortly');
        await job.moveToDelayed(Date.now() + DATABASE_RETRY_DELAY_MS, token);
        throw new DelayedError();
      }
      throw err;
    }
  };
}

/** How long a running sweep keeps its lock without renewal. */
const SWEEP_LOCK_MS = 60_000;

/**
 * The dial worker (one job per live call) and the maintenance worker (the periodic sweep). Re-running a
 * dial job is safe, so a generous maxStalledCount lets crashed replicas' jobs move on instead of failing.
 */
export class DialerWorkers {
  readonly dialWorker: Worker;
  readonly maintenanceWorker: Worker;
  readonly maintenanceQueue: MaintenanceQueue;
  readonly activeJobs: ActiveJobs;
  private readonly watcher: CallEndWatcher;

  constructor(
    deps: DialingDeps,
    private readonly connection: Redis,
    private readonly config: WorkerConfig,
    private readonly logger: Logger,
    maintenanceQueue: MaintenanceQueue,
  ) {
    this.activeJobs = new ActiveJobs(deps.metrics);
    this.watcher = deps.watcher;
    const common = {
      connection,
      prefix: config.queuePrefix,
      autorun: false,
      lockDuration: config.lockDurationMs,
      stalledInterval: config.stalledIntervalMs,
      // With tracing on, each job runs in a child span of the trace that enqueued it.
      ...queueTelemetry(),
    };
    const dialProcessor = createCatalogueProcessor(QUEUE_NAMES.dial, QUEUE_JOB_NAMES[QUEUE_NAMES.dial], dialCatalogue(deps), logger);
    this.dialWorker = new Worker(QUEUE_NAMES.dial, this.activeJobs.track(QUEUE_NAMES.dial, handBackOnHandOver(dialProcessor, logger)), {
      ...common,
      concurrency: config.concurrency,
      maxStalledCount: 10,
      ...(config.providerCps ? { limiter: { max: config.providerCps, duration: 1000 } } : {}),
    });
    const sweepProcessor = createCatalogueProcessor(
      QUEUE_NAMES.maintenance,
      QUEUE_JOB_NAMES[QUEUE_NAMES.maintenance],
      maintenanceCatalogue(deps),
      logger,
    );
    this.maintenanceWorker = new Worker(QUEUE_NAMES.maintenance, this.activeJobs.track(QUEUE_NAMES.maintenance, sweepProcessor), {
      ...common,
      // The short lock is for dial jobs (a dead replica's calls are taken over fast). A sweep is periodic and
      // idempotent: nothing waits for a dead one, and on starved cores a short lock lapsed mid-sweep.
      lockDuration: Math.max(config.lockDurationMs, SWEEP_LOCK_MS),
      concurrency: 1,
    });
    this.maintenanceQueue = maintenanceQueue;
    for (const worker of [this.dialWorker, this.maintenanceWorker]) {
      worker.on('error', (err) => logger.error({ err, queue: worker.name }, 'worker error'));
      worker.on('failed', (job, err) => {
        logger.warn({ jobId: job?.id, queue: worker.name, attemptsMade: job?.attemptsMade, reason: err.message }, 'job failed');
      });
    }
  }

  /** Schedules the sweep (idempotent across replicas) and starts taking jobs. */
  async start(): Promise<void> {
    await this.watcher.start();
    if (this.config.sweepIntervalMs > 0) {
      await this.maintenanceQueue.upsertJobScheduler(
        SWEEP_SCHEDULER_ID,
        { every: this.config.sweepIntervalMs },
        { name: JOB_NAMES.sweep, data: { v: 1 } },
      );
    }
    for (const worker of [this.dialWorker, this.maintenanceWorker]) {
      worker.run().catch((err: unknown) => this.logger.error({ err, queue: worker.name }, 'worker stopped with an error'));
      await worker.waitUntilReady();
    }
  }

  /**
   * Stops taking jobs and gives running ones `graceMs` to finish. A dial job lasts as long as its call,
   * so the ones still waiting then are handed back: moved straight back to the queue, where another
   * replica resumes them without dialing again. A job that cannot be moved (Redis away, or stuck in a
   * provider request) is left behind by a forced close: its lock lapses and it is picked up as stalled.
   */
  async stop(graceMs: number): Promise<void> {
    await Promise.all([this.dialWorker.pause(true), this.maintenanceWorker.pause(true)]);
    let idle = await this.activeJobs.waitUntilIdle(graceMs);
    if (!idle) {
      this.logger.warn({ activeJobs: this.activeJobs.count }, 'handing running jobs back to the queue');
      this.watcher.handOver();
      idle = await this.activeJobs.waitUntilIdle(HAND_OVER_TIMEOUT_MS);
      if (!idle) this.logger.warn({ activeJobs: this.activeJobs.count }, 'jobs still running; leaving them to stall');
    }
    await Promise.all([this.dialWorker.close(!idle), this.maintenanceWorker.close(!idle)]);
  }

  async closeQueues(): Promise<void> {
    await this.maintenanceQueue.close();
  }
}
