import type { Redis } from 'ioredis';
import { round } from '../report/stats';

interface RetentionOption {
  age?: number;
  count?: number;
}

export interface RetentionProjection {
  finishedJobsSeen: number;
  bytesPerFinishedJob: number;
  removeOnComplete: RetentionOption | boolean | number | null;
  removeOnFail: RetentionOption | boolean | number | null;
  completedJobsKept: number;
  failedJobsKept: number;
  projectedMiB: number;
}

const JOB_KEY = /^dial:[0-9a-f-]{36}-[0-9a-f-]{36}-\d+$/;

function keptCount(option: RetentionOption | boolean | number | null | undefined, finished: number): number {
  if (option === true) return 0;
  if (typeof option === 'number') return Math.min(option, finished);
  if (option && typeof option === 'object' && option.count !== undefined) return Math.min(option.count, finished);
  return finished;
}

/**
 * The hopper keeps few jobs waiting, but BullMQ keeps finished jobs by the queue's retention options. From
 * the measured size of a finished job hash and the options stored on it (`opts`), what a whole campaign
 * of `leads` leads leaves in Redis once every job has finished (age-based removal aside).
 */
export async function projectJobRetention(
  redis: Redis,
  queuePrefix: string,
  bytesByKey: Record<string, number>,
  { leads, failedShare }: { leads: number; failedShare: number },
): Promise<RetentionProjection | undefined> {
  const jobKeys = Object.keys(bytesByKey).filter((key) => JOB_KEY.test(key));
  if (jobKeys.length === 0) return undefined;
  const bytesPerFinishedJob = jobKeys.reduce((total, key) => total + bytesByKey[key]!, 0) / jobKeys.length;
  const opts = JSON.parse((await redis.hget(`${queuePrefix}:${jobKeys[0]}`, 'opts')) ?? '{}') as {
    removeOnComplete?: RetentionOption | boolean | number;
    removeOnFail?: RetentionOption | boolean | number;
  };
  const failed = Math.round(leads * failedShare);
  const completedJobsKept = keptCount(opts.removeOnComplete, leads - failed);
  const failedJobsKept = keptCount(opts.removeOnFail, failed);
  return {
    finishedJobsSeen: jobKeys.length,
    bytesPerFinishedJob: round(bytesPerFinishedJob, 0),
    removeOnComplete: opts.removeOnComplete ?? null,
    removeOnFail: opts.removeOnFail ?? null,
    completedJobsKept,
    failedJobsKept,
    projectedMiB: round(((completedJobsKept + failedJobsKept) * bytesPerFinishedJob) / 2 ** 20, 1),
  };
}
