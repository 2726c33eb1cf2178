import { UnrecoverableError, type Job } from 'bullmq';
import pino from 'pino';
import { JOB_NAMES, QUEUE_NAMES, ZDialJobSchema, ZSweepJobSchema } from '@dialwave/contracts';
import type { DialingDeps } from '../dialing/dialing-deps';
import { dialCatalogue, maintenanceCatalogue, QUEUE_JOB_NAMES } from './catalogues';
import { createCatalogueProcessor, defineJob, type JobRun } from './job-catalogue';

const logger = pino({ level: 'silent' });
const campaignId = '6f1c1d7e-3a7b-4a51-9e36-2f0f3c0f7a11';
const leadId = '0b7e9a0c-6a55-4a0e-8f2a-7d0a2e7c9b22';

function fakeJob(name: string, data: unknown, attemptsMade = 0): Job {
  return { id: 'job-1', name, data, attemptsMade, opts: { attempts: 4 } } as unknown as Job;
}

describe('a queue’s job catalogue', () => {
  it('refuses to build a processor when a job name of the queue has no handler', () => {
    expect(() => createCatalogueProcessor(QUEUE_NAMES.dial, [JOB_NAMES.dialLead], {}, logger)).toThrow(
      'Job catalogue of queue "dial" is incomplete: no handler for job "dial-lead"',
    );
  });

  it('refuses a handler for a job name the queue never carries', () => {
    const catalogue = {
      'dial-lead': defineJob(ZDialJobSchema, async () => undefined),
      'dial-leed': defineJob(ZDialJobSchema, async () => undefined),
    };
    expect(() => createCatalogueProcessor(QUEUE_NAMES.dial, [JOB_NAMES.dialLead], catalogue, logger)).toThrow(
      'handler for unknown job "dial-leed"',
    );
  });

  it('covers every job name of the dial and maintenance queues', () => {
    const deps = {} as DialingDeps;
    expect(Object.keys(dialCatalogue(deps))).toEqual([...QUEUE_JOB_NAMES[QUEUE_NAMES.dial]]);
    expect(Object.keys(maintenanceCatalogue(deps))).toEqual([...QUEUE_JOB_NAMES[QUEUE_NAMES.maintenance]]);
    expect(dialCatalogue(deps)[JOB_NAMES.dialLead]!.schema).toBe(ZDialJobSchema);
    expect(maintenanceCatalogue(deps)[JOB_NAMES.sweep]!.schema).toBe(ZSweepJobSchema);
  });

  it('hands the parsed payload and the run (attempts, job id) to the handler', async () => {
    const runs: { payload: unknown; run: JobRun }[] = [];
    const processor = createCatalogueProcessor(
      QUEUE_NAMES.dial,
      [JOB_NAMES.dialLead],
      { [JOB_NAMES.dialLead]: defineJob(ZDialJobSchema, async (payload, run) => runs.push({ payload, run })) },
      logger,
    );
    await processor(fakeJob(JOB_NAMES.dialLead, { v: 1, campaignId, leadId, attempt: 2 }, 3));
    expect(runs[0]).toMatchObject({
      payload: { v: 1, campaignId, leadId, attempt: 2 },
      run: { jobId: 'job-1', attemptsMade: 3, maxAttempts: 4 },
    });
  });

  it('fails a job with an invalid payload for good, naming the field', async () => {
    const processor = createCatalogueProcessor(QUEUE_NAMES.dial, [JOB_NAMES.dialLead], dialCatalogue({} as DialingDeps), logger);
    const run = processor(fakeJob(JOB_NAMES.dialLead, { v: 1, campaignId, leadId: 'not-a-uuid', attempt: 1 }));
    await expect(run).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(run).rejects.toThrow(/leadId/);
  });

  it('fails a job whose name has no handler for good', async () => {
    const processor = createCatalogueProcessor(QUEUE_NAMES.dial, [JOB_NAMES.dialLead], dialCatalogue({} as DialingDeps), logger);
    await expect(processor(fakeJob('call-everyone', {}))).rejects.toThrow(
      new UnrecoverableError('No handler for job "call-everyone" on queue "dial"'),
    );
  });
});
