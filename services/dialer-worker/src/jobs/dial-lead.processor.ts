import { UnrecoverableError } from 'bullmq';
import type { TDialJob } from '@dialwave/contracts';
import { dialLead } from '../dialing/dial-lead';
import { CallFailedError, type DialingDeps } from '../dialing/dialing-deps';
import type { JobRun } from './job-catalogue';

/** BullMQ face of dialLead: a failed call fails the job once (no retry), with its reason for Bull Board. */
export async function processDialLead(deps: DialingDeps, payload: TDialJob, run: JobRun): Promise<unknown> {
  try {
    return await dialLead(deps, payload, {
      jobId: run.jobId,
      isFinalAttempt: run.attemptsMade + 1 >= run.maxAttempts,
      logger: run.logger,
    });
  } catch (err) {
    if (err instanceof CallFailedError) throw new UnrecoverableError(err.reason);
    throw err;
  }
}
