import { DelayedError, WaitingError, type Job } from 'bullmq';
import type { DialerMetrics } from '../metrics/dialer-metrics';

type Processor = (job: Job, token?: string) => Promise<unknown>;

/** Counts the jobs this process is running, for metrics and for a shutdown that waits for them. */
export class ActiveJobs {
  private active = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly metrics: DialerMetrics) {}

  get count(): number {
    return this.active;
  }

  track(queueName: string, processor: Processor): Processor {
    return async (job, token) => {
      this.active++;
      this.metrics.jobsActive.inc({ queue: queueName });
      try {
        const result = await processor(job, token);
        this.metrics.jobsCompleted.inc({ queue: queueName });
        return result;
      } catch (err) {
        // A job handed back to the queue, or put off while Postgres is away, has not failed.
        if (!(err instanceof WaitingError) && !(err instanceof DelayedError)) this.metrics.jobsFailed.inc({ queue: queueName });
        throw err;
      } finally {
        this.active--;
        this.metrics.jobsActive.dec({ queue: queueName });
        if (this.active === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    };
  }

  /** true when every job finished within `timeoutMs`, false when some are still running. */
  async waitUntilIdle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<true>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([idle, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
