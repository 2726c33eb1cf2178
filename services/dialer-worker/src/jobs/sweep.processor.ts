import type { TSweepJob } from '@dialwave/contracts';
import type { DialingDeps } from '../dialing/dialing-deps';
import { sweepCampaigns } from '../dialing/sweep';
import type { JobRun } from './job-catalogue';

export function processSweep(deps: DialingDeps, _payload: TSweepJob, run: JobRun): Promise<unknown> {
  return sweepCampaigns(deps, run.logger);
}
