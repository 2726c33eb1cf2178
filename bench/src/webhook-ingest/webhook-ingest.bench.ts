import { DEV_CREDENTIALS, type Stack } from '@dialwave/launcher';
import { exitedServices, type BenchContext } from '../harness';
import { sendPreparedRequests, type LoadResult } from '../load/callback-load';
import { startBareExpress } from '../fixtures/bare-express-process';
import { cpuSeconds, machineCpuJiffies, postgresCpuSeconds } from '../probes/process-stats';
import type { BenchReport } from '../report/result';
import { round } from '../report/stats';
import { saveStackLogs } from '../report/stack-logs';
import { insertDialingCampaign, insertTenant } from './seed-calls';
import { signedStatusCallbacks, TALK_SECONDS_PER_CALL } from './signed-callbacks';
import { profileStatementsPerCallback, type StatementProfile } from './statement-profile';
import { sweepConcurrency } from './concurrency-sweep';

const CALLS = 5000;
const WARMUP_CALLS = 250;
const CONNECTIONS = 50;
const MAX_SECONDS = 30;
const TARGET_PER_SECOND = 2000;
/** Issue 10: applied callbacks per second at least this share of bare express's requests per second, same run. */
const TARGET_RATIO_TO_BARE = 0.55;
/** How long the measured window waits, after the last answer, for the stored callbacks to be applied. */
const MAX_DRAIN_SECONDS = 60;
/** Fixed in webhook-ingest (callback-streams.ts): every stream of the prefix is summed for the backlog. */
const CALLBACK_PARTITIONS = 16;
/** Below, at and above the service's default pool of 10 Postgres connections. */
const SWEEP_CONNECTIONS = [5, 10, 100] as const;

interface CpuWindow {
  ingestCpuS: number;
  postgresCpuS: number;
  benchClientCpuS: number;
  machineBusyCores: number;
}

async function measureCpu<T>(ingestPid: number, work: () => Promise<T>): Promise<{ result: T; cpu: CpuWindow }> {
  const [ingestBefore, postgresBefore, machineBefore] = await Promise.all([
    cpuSeconds(ingestPid),
    postgresCpuSeconds(),
    machineCpuJiffies(),
  ]);
  const clientBefore = process.cpuUsage();
  const result = await work();
  const client = process.cpuUsage(clientBefore);
  const [ingestAfter, postgresAfter, machineAfter] = await Promise.all([cpuSeconds(ingestPid), postgresCpuSeconds(), machineCpuJiffies()]);
  const cores = (await import('node:os')).cpus().length;
  return {
    result,
    cpu: {
      ingestCpuS: round(ingestAfter - ingestBefore, 2),
      postgresCpuS: round(postgresAfter - postgresBefore, 2),
      benchClientCpuS: round((client.user + client.system) / 1e6, 2),
      machineBusyCores: round(((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * cores, 2),
    },
  };
}

/**
 * Signed Twilio status callbacks against a real webhook-ingest process (Postgres writes, Redis publishes),
 * beside a bare express handler measured with the same client, requests and concurrency.
 */
export async function runWebhookIngest(context: BenchContext): Promise<BenchReport> {
  const { db } = context;
  const stack: Stack = await context.startStack({ services: ['webhook-ingest'] });
  const ingest = stack.services.get('webhook-ingest');
  if (!ingest) throw new Error('the stack has no webhook-ingest');
  context.progress(`webhook-ingest ready at ${stack.ingestUrl} (pid ${ingest.pid})`);
  try {
    const tenant = await insertTenant(db.prisma);
    const warmup = await insertDialingCampaign(db.prisma, tenant, WARMUP_CALLS, 0);
    const measured = await insertDialingCampaign(db.prisma, tenant, CALLS, 10_000);
    await db.prisma.$executeRawUnsafe('ANALYZE');
    const signing = {
      publicWebhookUrl: stack.ingestUrl,
      accountSid: DEV_CREDENTIALS.TWILIO_ACCOUNT_SID,
      authToken: DEV_CREDENTIALS.TWILIO_AUTH_TOKEN,
    };
    const warmupRequests = signedStatusCallbacks(warmup.calls, { ...signing, groupSize: CONNECTIONS });
    const measuredRequests = signedStatusCallbacks(measured.calls, { ...signing, groupSize: CONNECTIONS });
    context.progress(`seeded ${CALLS} + ${WARMUP_CALLS} warm-up calls; ${measuredRequests.length} signed callbacks prepared`);

    const bare = await startBareExpress();
    let bareResult: LoadResult;
    let bareCpu: CpuWindow;
    try {
      await sendPreparedRequests('bare express', bare.url, warmupRequests, { connections: CONNECTIONS, maxSeconds: MAX_SECONDS });
      ({ result: bareResult, cpu: bareCpu } = await measureCpu(bare.pid, () =>
        sendPreparedRequests('bare express', bare.url, measuredRequests, { connections: CONNECTIONS, maxSeconds: MAX_SECONDS }),
      ));
    } finally {
      await bare.stop();
    }
    context.progress(`bare express: ${bareResult.requestsPerSecond}/s`);

    const warmupResult = await sendPreparedRequests('webhook-ingest warm-up', stack.ingestUrl, warmupRequests, {
      connections: CONNECTIONS,
      maxSeconds: MAX_SECONDS,
    });
    // The window runs until every stored callback is applied (its stream entry acknowledged and deleted):
    // answering 200 only stores a callback, so answers per second alone would leave the work uncounted.
    const { result: measuredRun, cpu: ingestCpu } = await measureCpu(ingest.pid, async () => {
      const startedAt = Date.now();
      const sent = await sendPreparedRequests('webhook-ingest', stack.ingestUrl, measuredRequests, {
        connections: CONNECTIONS,
        maxSeconds: MAX_SECONDS,
      });
      const answeredAt = Date.now();
      const drained = await waitForBacklogDrained(context, MAX_DRAIN_SECONDS * 1000);
      return { sent, answeredMs: answeredAt - startedAt, appliedMs: Date.now() - startedAt, drained };
    });
    const ingestResult = measuredRun.sent;
    const appliedPerSecond = round(ingestResult.ok2xx / (measuredRun.appliedMs / 1000), 0);
    const ratioToBare = round(appliedPerSecond / Math.max(bareResult.requestsPerSecond, 1), 3);
    context.progress(
      `webhook-ingest: answered ${ingestResult.requestsPerSecond}/s, applied ${appliedPerSecond}/s (${ratioToBare} of bare express)`,
    );

    const sweep = await sweepConcurrency(
      db.prisma,
      tenant,
      { url: stack.ingestUrl, accountSid: signing.accountSid, authToken: signing.authToken },
      SWEEP_CONNECTIONS,
    );
    context.progress(`concurrency sweep: ${sweep.map((point) => `${point.connections} conns ${point.callbacksPerSecond}/s`).join(', ')}`);

    const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: measured.campaignId } });
    const callStatuses = await db.prisma.call.groupBy({ by: ['status'], where: { campaignId: measured.campaignId }, _count: true });
    const callLogs = await db.prisma.callLog.count({ where: { campaignId: measured.campaignId } });
    const completedCalls = callStatuses.find((row) => row.status === 'COMPLETED')?._count ?? 0;
    // Whatever part of the run was sent, the counters must agree with the rows they count. One statement,
    // so one snapshot: a callback still in flight when the time cap cut the client cannot skew it.
    const [snapshot] = await db.prisma.$queryRaw<
      { completedLeads: number; successfulCalls: number; totalTalkSeconds: number; completedCalls: number; doneLeads: number }[]
    >`
      SELECT c."completedLeads", c."successfulCalls", c."totalTalkSeconds",
             (SELECT count(*)::int FROM "Call" WHERE "campaignId" = c."id" AND "status" = 'COMPLETED') AS "completedCalls",
             (SELECT count(*)::int FROM "CampaignLead" WHERE "campaignId" = c."id" AND "state" = 'DONE') AS "doneLeads"
      FROM "Campaign" c WHERE c."id" = ${measured.campaignId}`;
    const countersConsistent =
      snapshot !== undefined &&
      snapshot.completedLeads === snapshot.completedCalls &&
      snapshot.completedLeads === snapshot.doneLeads &&
      snapshot.successfulCalls === snapshot.completedCalls &&
      snapshot.totalTalkSeconds === snapshot.completedCalls * TALK_SECONDS_PER_CALL;

    context.progress('profiling statements per callback through a counting Postgres proxy');
    let profile: StatementProfile | undefined;
    let profileError: string | undefined;
    try {
      profile = await profileStatementsPerCallback(context, tenant, signing);
    } catch (err) {
      profileError = err instanceof Error ? err.message : String(err);
    }

    const callbacks = ingestResult.requests;
    const findings: string[] = [
      `applied ${ingestResult.ok2xx} callbacks in ${measuredRun.appliedMs} ms from the first request (answers took ${measuredRun.answeredMs} ms, backlog ${measuredRun.drained ? 'drained' : `NOT drained within ${MAX_DRAIN_SECONDS} s`}): ${appliedPerSecond}/s = ${ratioToBare} x bare express's ${bareResult.requestsPerSecond}/s in the same run (target >= ${TARGET_RATIO_TO_BARE}); CPU figures below cover the same window.`,
      `CPU during the measured window: webhook-ingest ${ingestCpu.ingestCpuS} s (${round((ingestCpu.ingestCpuS * 1000) / Math.max(callbacks, 1), 3)} ms per callback), Postgres ${ingestCpu.postgresCpuS} s (${round((ingestCpu.postgresCpuS * 1000) / Math.max(callbacks, 1), 3)} ms per callback), load client ${ingestCpu.benchClientCpuS} s; machine ${ingestCpu.machineBusyCores} of ${(await import('node:os')).cpus().length} cores busy over ${ingestResult.durationS} s.`,
      `webhook-ingest used ${round((ingestCpu.ingestCpuS / Math.max(ingestResult.durationS, 0.001)) * 100, 0)}% of one core (a Node process runs JavaScript on one): at ${round((ingestCpu.ingestCpuS * 1000) / Math.max(callbacks, 1), 2)} ms CPU per callback one process tops out near ${round(1000 / Math.max((ingestCpu.ingestCpuS * 1000) / Math.max(callbacks, 1), 0.001), 0)} callbacks/s; ${TARGET_PER_SECOND}/s needs <= ${round(1000 / TARGET_PER_SECOND, 2)} ms per callback per core, and Postgres at ${round((ingestCpu.postgresCpuS * 1000) / Math.max(callbacks, 1), 2)} ms per callback alone would need ${round((TARGET_PER_SECOND * ingestCpu.postgresCpuS) / Math.max(callbacks, 1), 1)} cores. Latency is queueing: ${CONNECTIONS} in flight / ${ingestResult.requestsPerSecond} per s = ${round((CONNECTIONS / Math.max(ingestResult.requestsPerSecond, 1)) * 1000, 0)} ms (Little's law) against p50 ${ingestResult.latencyP50Ms} ms measured.`,
      `Bare express in the same run: ${bareCpu.ingestCpuS} s CPU in the handler process, client ${bareCpu.benchClientCpuS} s, ${bareCpu.machineBusyCores} cores busy.`,
    ];
    for (const name of exitedServices(stack))
      findings.push(`${name} EXITED during the run (stack log: ${saveStackLogs('webhook-ingest', stack)})`);
    if (ingestResult.non2xx > 0 || ingestResult.errors > 0) {
      findings.push(
        `webhook-ingest answered non-2xx ${ingestResult.non2xx} times (${JSON.stringify(ingestResult.statusCodes)}), connection errors ${ingestResult.errors}, timeouts ${ingestResult.timeouts}`,
      );
    }
    const allSent = ingestResult.requests === measuredRequests.length;
    if (!allSent) {
      findings.push(
        `the ${MAX_SECONDS} s cap stopped the run after ${ingestResult.requests} of ${measuredRequests.length} callbacks; the end-state checks below are skipped`,
      );
    } else if (campaign.completedLeads !== CALLS || campaign.status !== 'COMPLETED') {
      findings.push(
        `after the run the campaign is ${campaign.status} with completedLeads ${campaign.completedLeads}/${CALLS} (expected COMPLETED ${CALLS}/${CALLS})`,
      );
    }
    if (allSent && completedCalls !== CALLS)
      findings.push(`calls by status after the run: ${JSON.stringify(Object.fromEntries(callStatuses.map((r) => [r.status, r._count])))}`);
    if (allSent && callLogs !== CALLS * 3) findings.push(`CallLog rows for the measured campaign: ${callLogs}, expected ${CALLS * 3}`);
    findings.push(
      countersConsistent
        ? `counters consistent under load: completedLeads = successfulCalls = ${snapshot?.completedLeads} = COMPLETED calls = DONE leads, totalTalkSeconds = ${snapshot?.totalTalkSeconds}`
        : `counters INCONSISTENT (one snapshot): ${JSON.stringify(snapshot)}`,
    );
    findings.push(
      `same service, fresh calls, other client concurrencies: ${[
        ...sweep,
        {
          connections: CONNECTIONS,
          callbacksPerSecond: ingestResult.requestsPerSecond,
          p50Ms: ingestResult.latencyP50Ms,
          p99Ms: ingestResult.latencyP99Ms,
        },
      ]
        .sort((a, b) => a.connections - b.connections)
        .map((point) => `${point.connections} connections ${point.callbacksPerSecond}/s (p50 ${point.p50Ms} ms, p99 ${point.p99Ms} ms)`)
        .join('; ')}`,
    );
    if (profile) findings.push(...profile.findings);
    if (profileError) findings.push(`statement profile failed: ${profileError}`);

    const met = appliedPerSecond >= TARGET_PER_SECOND && ingestResult.non2xx === 0 && measuredRun.drained;
    return {
      name: 'webhook-ingest',
      figures: {
        callbacks: ingestResult.requests,
        callbacksPerSecond: ingestResult.requestsPerSecond,
        appliedPerSecond,
        appliedRatioToBareExpress: ratioToBare,
        backlogDrained: measuredRun.drained,
        p50Ms: ingestResult.latencyP50Ms,
        p99Ms: ingestResult.latencyP99Ms,
        maxMs: ingestResult.latencyMaxMs,
        non2xx: ingestResult.non2xx,
        durationS: ingestResult.durationS,
        bareExpressPerSecond: bareResult.requestsPerSecond,
        bareExpressP50Ms: bareResult.latencyP50Ms,
        bareExpressP99Ms: bareResult.latencyP99Ms,
        ingestCpuMsPerCallback: round((ingestCpu.ingestCpuS * 1000) / Math.max(callbacks, 1), 3),
        postgresCpuMsPerCallback: round((ingestCpu.postgresCpuS * 1000) / Math.max(callbacks, 1), 3),
        statementsPerCallback: profile ? profile.statementsPerCallback : null,
        ...Object.fromEntries(sweep.map((point) => [`perSecondAt${point.connections}Connections`, point.callbacksPerSecond])),
        dbConnectionsUnderBurst: profile ? profile.openConnectionsAfterBurst : null,
        campaignCompletedLeads: campaign.completedLeads,
        campaignStatus: campaign.status,
        countersConsistent,
      },
      targets: [
        { what: 'callbacks applied/s (webhook-ingest, all 2xx)', target: `>= ${TARGET_PER_SECOND}`, actual: String(appliedPerSecond), met },
        {
          what: 'applied/s ÷ bare express/s (same run)',
          target: `>= ${TARGET_RATIO_TO_BARE}`,
          actual: String(ratioToBare),
          met: ratioToBare >= TARGET_RATIO_TO_BARE && ingestResult.non2xx === 0 && measuredRun.drained,
        },
      ],
      parameters: {
        calls: CALLS,
        callbacksPerCall: 3,
        warmupCalls: WARMUP_CALLS,
        connections: CONNECTIONS,
        maxSeconds: MAX_SECONDS,
        client: 'autocannon 8, keep-alive, one shared cursor over pre-signed requests',
        ingestLogLevel: 'info',
      },
      findings,
      details: {
        bare: bareResult,
        bareCpu,
        ingest: ingestResult,
        ingestCpu,
        answeredMs: measuredRun.answeredMs,
        appliedMs: measuredRun.appliedMs,
        warmup: warmupResult,
        concurrencySweep: sweep,
        profile,
      },
    };
  } catch (err) {
    saveStackLogs('webhook-ingest', stack);
    throw err;
  }
}

/** Until every callback stream of the bench's prefix is empty (all applied), polled every 20 ms; false at the deadline. */
async function waitForBacklogDrained(context: BenchContext, timeoutMs: number): Promise<boolean> {
  const keys = Array.from({ length: CALLBACK_PARTITIONS }, (_, i) => `${context.queuePrefix}:callbacks:${i}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pipeline = context.redis.pipeline();
    for (const key of keys) pipeline.xlen(key);
    const lengths = ((await pipeline.exec()) ?? []).map(([, length]) => Number(length));
    if (lengths.every((length) => length === 0)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
