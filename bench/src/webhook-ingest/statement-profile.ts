import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchContext } from '../harness';
import { pollUntil } from '../harness';
import { summariseCpuProfile, type CpuProfileSummary } from '../probes/cpu-profile-summary';
import { sendPreparedRequests } from '../load/callback-load';
import { PostgresStatementCounter, type StatementCounts } from '../probes/postgres-statement-counter';
import { round } from '../report/stats';
import { insertDialingCampaign } from './seed-calls';
import { CALLBACK_STAGES, signedCallback, signedStatusCallbacks, type CallbackStage } from './signed-callbacks';

const PROFILE_CALLS = 100;
const BURST_CALLS = 300;
const PROFILE_FILE_TIMEOUT_MS = 10_000;
const BURST_CONNECTIONS = 50;

export interface StageProfile {
  stage: CallbackStage;
  callbacks: number;
  statementsPerCallback: number;
  transactionsPerCallback: number;
  meanLatencyMs: number;
  shapesPerCallback: Record<string, number>;
}

export interface StatementProfile {
  stages: StageProfile[];
  statementsPerCallback: number;
  openConnectionsAfterBurst: number;
  burstCallbacksPerSecond: number;
  cpuProfileFile?: string;
  cpuProfile?: CpuProfileSummary;
  findings: string[];
}

function perCallback(
  counts: StatementCounts,
  callbacks: number,
): Pick<StageProfile, 'statementsPerCallback' | 'transactionsPerCallback' | 'shapesPerCallback'> {
  return {
    statementsPerCallback: round(counts.statements / callbacks, 2),
    transactionsPerCallback: round((counts.byShape.BEGIN ?? 0) / callbacks, 2),
    shapesPerCallback: Object.fromEntries(
      Object.entries(counts.byShape)
        .sort((a, b) => b[1] - a[1])
        .map(([shape, count]) => [shape, round(count / callbacks, 2)]),
    ),
  };
}

/**
 * Runs a second webhook-ingest whose DATABASE_URL goes through a counting proxy, sends callbacks one at a
 * time per stage to count the statements each costs, then a burst at 50 connections to see how many
 * database connections the service's pool opens.
 */
export async function profileStatementsPerCallback(
  context: BenchContext,
  tenant: { userId: string; agentId: string },
  signing: { accountSid: string; authToken: string },
  { cpuProfile = true }: { cpuProfile?: boolean } = {},
): Promise<StatementProfile> {
  const base = new URL(context.db.url);
  const counter = new PostgresStatementCounter({ host: base.hostname, port: Number(base.port || 5432) });
  const proxyPort = await counter.listen();
  context.onCleanup(() => counter.close());
  const proxied = new URL(context.db.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxyPort);
  const profileFile = join(tmpdir(), `${context.queuePrefix}-webhook-ingest.cpuprofile`);
  const stack = await context.startStack({
    services: ['webhook-ingest'],
    databaseUrl: proxied.toString(),
    ...(cpuProfile
      ? {
          entrypoints: { 'webhook-ingest': 'bench/src/fixtures/profiled-service.ts' },
          serviceEnv: { 'webhook-ingest': { PROFILED_ENTRYPOINT: 'services/webhook-ingest/src/main.ts', PROFILE_OUT: profileFile } },
        }
      : {}),
  });
  const ingest = stack.services.get('webhook-ingest')!;
  const publicWebhookUrl = stack.ingestUrl;

  const sequential = await insertDialingCampaign(context.db.prisma, tenant, PROFILE_CALLS, 30_000);
  const burst = await insertDialingCampaign(context.db.prisma, tenant, BURST_CALLS, 40_000);
  counter.takeCounts();

  const stages: StageProfile[] = [];
  for (const stage of CALLBACK_STAGES) {
    let totalMs = 0;
    for (const call of sequential.calls) {
      const request = signedCallback(call, stage, { ...signing, publicWebhookUrl });
      const started = performance.now();
      const response = await fetch(`${publicWebhookUrl}${request.path}`, { method: 'POST', headers: request.headers, body: request.body });
      await response.arrayBuffer();
      totalMs += performance.now() - started;
      if (!response.ok) throw new Error(`profile ${stage} callback answered ${response.status}`);
    }
    stages.push({
      stage,
      callbacks: sequential.calls.length,
      meanLatencyMs: round(totalMs / sequential.calls.length, 2),
      ...perCallback(counter.takeCounts(), sequential.calls.length),
    });
  }

  const burstRequests = signedStatusCallbacks(burst.calls, { ...signing, publicWebhookUrl, groupSize: BURST_CONNECTIONS });
  if (cpuProfile) process.kill(ingest.pid, 'SIGUSR2');
  const burstResult = await sendPreparedRequests('webhook-ingest via counting proxy', publicWebhookUrl, burstRequests, {
    connections: BURST_CONNECTIONS,
    maxSeconds: 30,
  });
  const openConnectionsAfterBurst = counter.openConnections();
  const burstCounts = counter.takeCounts();
  let summary: CpuProfileSummary | undefined;
  if (cpuProfile) {
    process.kill(ingest.pid, 'SIGUSR2');
    const written = await pollUntil(async () => (existsSync(profileFile) ? true : undefined), {
      intervalMs: 100,
      timeoutMs: PROFILE_FILE_TIMEOUT_MS,
    });
    if (written) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      summary = summariseCpuProfile(profileFile);
    }
  }

  const allStatements = stages.reduce((total, stage) => total + stage.statementsPerCallback, 0);
  const statementsPerCallback = round(allStatements / stages.length, 2);
  const findings = stages.map(
    (stage) =>
      `${stage.stage} callback (sequential, via proxy): ${stage.statementsPerCallback} SQL statements in ${stage.transactionsPerCallback} transaction(s), mean ${stage.meanLatencyMs} ms: ${Object.entries(
        stage.shapesPerCallback,
      )
        .map(([shape, count]) => `${count}x ${shape}`)
        .join(', ')}`,
  );
  findings.push(
    `under ${BURST_CONNECTIONS} concurrent callbacks the service held ${openConnectionsAfterBurst} Postgres connection(s) open (${burstCounts.connections} opened during the burst); the burst ran at ${burstResult.requestsPerSecond}/s through the proxy, p99 ${burstResult.latencyP99Ms} ms`,
  );
  if (summary) {
    const list = (rows: { percent: number }[], label: (row: never) => string) =>
      rows.map((row) => `${label(row as never)} ${row.percent}%`).join('; ');
    findings.push(
      `CPU profile of webhook-ingest during the burst (${summary.samples} busy samples over ${summary.profiledMs} ms, file ${profileFile}): self time by area: ${list(summary.selfByArea.slice(0, 8), (r: { area: string }) => r.area)}`,
      `inclusive time by area (frame anywhere on the stack): ${list(summary.inclusiveByPackage.slice(0, 10), (r: { area: string }) => r.area)}`,
      `inclusive time of repo functions: ${list(summary.inclusiveRepoFunctions.slice(0, 10), (r: { fn: string }) => r.fn)}`,
      `hottest functions (self): ${list(summary.selfByFunction.slice(0, 8), (r: { fn: string }) => r.fn)}`,
    );
  } else if (cpuProfile) {
    findings.push('CPU profile was not written in time');
  }
  return {
    stages,
    statementsPerCallback,
    openConnectionsAfterBurst,
    burstCallbacksPerSecond: burstResult.requestsPerSecond,
    ...(summary ? { cpuProfileFile: profileFile, cpuProfile: summary } : {}),
    findings,
  };
}
