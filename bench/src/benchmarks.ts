import type { BenchContext } from './harness';
import type { BenchReport } from './report/result';
import { runMakespan } from './makespan/makespan.bench';
import { runWebhookIngest } from './webhook-ingest/webhook-ingest.bench';
import { runCampaignStart100k } from './campaign-start/campaign-start-100k.bench';
import { runRealtimeLatency } from './realtime-latency/realtime-latency.bench';
import { runLeadImport } from './lead-import/lead-import.bench';
import { runCallsExport100k } from './calls-export/calls-export-100k.bench';
import { runLifecycles } from './lifecycles/lifecycles.bench';

export interface Benchmark {
  name: string;
  describe: string;
  run(context: BenchContext): Promise<BenchReport>;
}

/** Every benchmark, in the order `pnpm bench` runs them. */
export const BENCHMARKS: readonly Benchmark[] = [
  { name: 'makespan', describe: '500 simulated calls at cap 5 on one dialer: sliding window vs ideal', run: runMakespan },
  {
    name: 'lifecycles',
    describe: 'finished call lifecycles per second: 2 dialers, cap 100, SIM_TIME_SCALE 0.001, CPU per process',
    run: runLifecycles,
  },
  { name: 'webhook-ingest', describe: 'signed Twilio status callbacks per second vs a bare express handler', run: runWebhookIngest },
  {
    name: 'realtime-latency',
    describe: 'webhook received → call:status-updated on 50 console sockets at 500 callbacks/s',
    run: runRealtimeLatency,
  },
  {
    name: 'campaign-start-100k',
    describe: 'POST a 100,000-lead campaign: latency, dialer RSS, Redis footprint',
    run: runCampaignStart100k,
  },
  {
    name: 'calls-export-100k',
    describe: 'GET /api/campaigns/:id/calls.csv over 100,000 calls: time and campaign-api peak RSS',
    run: runCallsExport100k,
  },
  {
    name: 'lead-import',
    describe: 'CSV imports of 20k and 100k rows and a 5 MB hostile file, with GET /healthz p50/p99 meanwhile',
    run: runLeadImport,
  },
];
