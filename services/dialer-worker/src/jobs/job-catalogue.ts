import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { z } from 'zod';

/** What a handler knows about the job run it serves. */
export interface JobRun {
  jobId: string;
  /** Runs before this one that failed (0 on the first). */
  attemptsMade: number;
  /** Total runs the queue allows (1 + retries). */
  maxAttempts: number;
  logger: Logger;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  schema: S;
  handle(payload: z.infer<S>, run: JobRun): Promise<unknown>;
}

/** One queue's jobs: each job name with its payload schema and handler. */
export type JobCatalogue = Record<string, JobDefinition>;

export function defineJob<S extends z.ZodType>(schema: S, handle: (payload: z.infer<S>, run: JobRun) => Promise<unknown>): JobDefinition {
  return { schema, handle } as JobDefinition;
}

/**
 * Builds a queue's processor from its catalogue. Fails at boot when a job name the queue carries has no
 * handler (or the catalogue names a job nobody enqueues), so a missing handler is found by the deploy,
 * not by the first job at 3 a.m.
 */
export function createCatalogueProcessor(
  queueName: string,
  expectedJobNames: readonly string[],
  catalogue: JobCatalogue,
  logger: Logger,
): (job: Job) => Promise<unknown> {
  const missing = expectedJobNames.filter((name) => !catalogue[name]);
  const unknown = Object.keys(catalogue).filter((name) => !expectedJobNames.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    const problems = [
      ...missing.map((name) => `no handler for job "${name}"`),
      ...unknown.map((name) => `handler for unknown job "${name}"`),
    ];
    throw new Error(`Job catalogue of queue "${queueName}" is incomplete: ${problems.join('; ')}`);
  }

  return async (job: Job) => {
    const definition = catalogue[job.name];
    if (!definition) throw new UnrecoverableError(`No handler for job "${job.name}" on queue "${queueName}"`);
    const parsed = definition.schema.safeParse(job.data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`).join('; ');
      throw new UnrecoverableError(`Invalid payload for job "${job.name}": ${issues}`);
    }
    const data = (typeof job.data === 'object' && job.data !== null ? job.data : {}) as Record<string, unknown>;
    return definition.handle(parsed.data, {
      jobId: job.id ?? '',
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      logger: logger.child({
        jobId: job.id,
        job: job.name,
        ...(typeof data.campaignId === 'string' ? { campaignId: data.campaignId } : {}),
      }),
    });
  };
}
