import { JOB_NAMES, QUEUE_NAMES, ZDialJobSchema, ZStartCampaignJobSchema, ZSweepJobSchema } from '@dialwave/contracts';
import { startScheduledCampaign } from '@dialwave/domain';
import type { DialingDeps } from '../dialing/dialing-deps';
import { processDialLead } from './dial-lead.processor';
import { defineJob, type JobCatalogue } from './job-catalogue';
import { processSweep } from './sweep.processor';

/** Which job names travel on which queue; a catalogue must handle exactly these. */
export const QUEUE_JOB_NAMES = {
  [QUEUE_NAMES.dial]: [JOB_NAMES.dialLead],
  [QUEUE_NAMES.maintenance]: [JOB_NAMES.sweep, JOB_NAMES.startCampaign],
} as const;

export function dialCatalogue(deps: DialingDeps): JobCatalogue {
  return { [JOB_NAMES.dialLead]: defineJob(ZDialJobSchema, (payload, run) => processDialLead(deps, payload, run)) };
}

export function maintenanceCatalogue(deps: DialingDeps): JobCatalogue {
  return {
    [JOB_NAMES.sweep]: defineJob(ZSweepJobSchema, (payload, run) => processSweep(deps, payload, run)),
    [JOB_NAMES.startCampaign]: defineJob(ZStartCampaignJobSchema, async (payload, run) => {
      const started = await startScheduledCampaign(deps.campaign, payload.campaignId);
      run.logger.info({ campaignId: payload.campaignId, started }, 'scheduled start job ran');
      return { started };
    }),
  };
}
