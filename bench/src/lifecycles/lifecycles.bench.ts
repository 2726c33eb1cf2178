import { ApiClient } from '@dialwave/testkit';
import { exitedServices, pollUntil, type BenchContext } from '../harness';
import { warmUp } from '../makespan/warm-up';
import { cpuSeconds, machineCpuJiffies, pidListeningOn, postgresCpuSeconds } from '../probes/process-stats';
import type { BenchReport } from '../report/result';
import { saveStackLogs } from '../report/stack-logs';
import { round, summarise } from '../report/stats';
import { insertLeads, signUpBenchTenant } from '../seed/bench-tenant';
import { planLeadMix } from '../seed/lead-mix';

const CALLS = 3000;
const CAP = 100;
const DIALERS = 2;
const SIM_TIME_SCALE = 0.001;
const WARMUP_CALLS = 100;
const COMPLETION_TIMEOUT_MS = 300_000;
const REDIS_PORT = 6379;

interface CpuShare {
  process: string;
  cpuS: number;
  /** Share of one core over the window. */
  coreShare: number;
  msPerLifecycle: number;
}

/**
 * Finished call lifecycles per second at the path's limit: 2 dialers, one campaign capped at 100 live calls,
 * calls that last milliseconds (SIM_TIME_SCALE 0.001), so that the services, not the calls, set the pace.
 * A lifecycle is a lead taken from the hopper, its call created, dialed, its three or four callbacks
 * stored and applied, its end counted, and its slot refilled. CPU seconds of every process over the window
 * name the bottleneck.
 */
export async function runLifecycles(context: BenchContext): Promise<BenchReport> {
  const { db } = context;
  const capEnv = { TENANT_MAX_CONCURRENT_CALLS: String(CAP) };
  const stack = await context.startStack({
    services: ['carrier-sim', 'webhook-ingest', 'campaign-api', 'dialer-worker'],
    dialers: DIALERS,
    simTimeScale: SIM_TIME_SCALE,
    serviceEnv: { 'dialer-worker': { ...capEnv, DIALER_CONCURRENCY: String(CAP) }, 'campaign-api': capEnv },
  });
  context.progress(`stack ready (${DIALERS} dialers)`);
  try {
    const api = new ApiClient(stack.apiUrl);
    const tenant = await signUpBenchTenant(api, 'lifecycles');
    await warmUp(context, api, tenant, { calls: WARMUP_CALLS, cap: CAP });
    const plan = planLeadMix(CALLS);
    const leadIds = await insertLeads(
      db.prisma,
      tenant.userId,
      plan.map((lead) => lead.phone),
    );

    const pids = new Map<string, number>([...stack.services].map(([name, service]) => [name, service.pid]));
    const redisPid = await pidListeningOn(REDIS_PORT).catch(() => undefined);
    if (redisPid) pids.set('redis', redisPid);
    const before = await readCpu(pids);
    const machineBefore = await machineCpuJiffies();

    const postedAt = Date.now();
    const created = await api.createCampaign({
      agentId: tenant.agentId,
      leadIds,
      campaignName: 'bench lifecycles',
      maxConcurrentCalls: CAP,
    });
    let maxLive = 0;
    const completed = await pollUntil(
      async () => {
        if (exitedServices(stack).length > 0) return { exited: true as const };
        const [row] = await db.prisma.$queryRaw<{ status: string; live: number }[]>`
          SELECT c."status"::text AS status,
            (SELECT count(*)::int FROM "Call" k WHERE k."campaignId" = c."id" AND k."status" NOT IN ('COMPLETED', 'BUSY', 'MISSED', 'FAILED', 'CANCELED')) AS live
          FROM "Campaign" c WHERE c."id" = ${created.campaignId}`;
        maxLive = Math.max(maxLive, row?.live ?? 0);
        return row && (row.status === 'COMPLETED' || row.status === 'FAILED') ? { exited: false as const } : undefined;
      },
      { intervalMs: 100, timeoutMs: COMPLETION_TIMEOUT_MS },
    );
    const seenAt = Date.now();
    const after = await readCpu(pids);
    const machineAfter = await machineCpuJiffies();
    const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: created.campaignId } });
    const windowMs = (campaign.completedAt?.getTime() ?? seenAt) - postedAt;
    const windowS = (seenAt - postedAt) / 1000;

    const ends = (
      await db.prisma.call.findMany({
        where: { campaignId: created.campaignId, endedAt: { not: null } },
        select: { updatedAt: true, createdAt: true },
      })
    )
      .map((call) => ({ end: call.updatedAt.getTime(), perCall: call.updatedAt.getTime() - call.createdAt.getTime() }))
      .sort((a, b) => a.end - b.end);
    // Steady state: the middle 80% of the ends, away from the ramp-up and the tail.
    const lo = ends[Math.floor(ends.length * 0.1)];
    const hi = ends[Math.floor(ends.length * 0.9)];
    const steadyPerSecond =
      lo && hi && hi.end > lo.end
        ? round(((Math.floor(ends.length * 0.9) - Math.floor(ends.length * 0.1)) * 1000) / (hi.end - lo.end), 1)
        : Number.NaN;
    const perSecond = round((campaign.completedLeads * 1000) / windowMs, 1);
    const perCall = summarise(ends.map((e) => e.perCall));
    const meanLive = round(ends.reduce((total, e) => total + e.perCall, 0) / windowMs, 1);

    const cores = (await import('node:os')).cpus().length;
    const busyCores = round(((machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total)) * cores, 2);
    const shares: CpuShare[] = [...pids.keys(), 'postgres']
      .map((name) => ({
        process: name,
        cpuS: round((after.get(name) ?? 0) - (before.get(name) ?? 0), 2),
        coreShare: round(((after.get(name) ?? 0) - (before.get(name) ?? 0)) / windowS, 2),
        msPerLifecycle: round((((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000) / Math.max(1, campaign.completedLeads), 3),
      }))
      .sort((a, b) => b.cpuS - a.cpuS);
    const top = shares[0];
    const totalMsPerLifecycle = round(
      shares.reduce((total, share) => total + share.msPerLifecycle, 0),
      2,
    );

    const findings: string[] = [];
    if (!completed || completed.exited)
      findings.push(
        `campaign did not complete (status ${campaign.status}, ${campaign.completedLeads}/${CALLS}); stack log ${saveStackLogs('lifecycles', stack)}`,
      );
    findings.push(
      `${campaign.completedLeads} lifecycles in ${windowMs} ms = ${perSecond}/s overall, ${steadyPerSecond}/s over the middle 80% of the ends; mean live calls ${meanLive} of the cap ${CAP} (max seen ${maxLive}); per call (Call row -> terminal write) p50 ${perCall.p50} ms, p99 ${perCall.p99} ms.`,
    );
    findings.push(
      `CPU over the window (${round(windowS, 1)} s, machine ${busyCores} of ${cores} cores busy): ${shares.map((s) => `${s.process} ${s.cpuS} s (${s.coreShare} of a core, ${s.msPerLifecycle} ms per lifecycle)`).join('; ')}; total ${totalMsPerLifecycle} ms of CPU per lifecycle, so ${cores} cores allow about ${round((cores * 1000) / Math.max(totalMsPerLifecycle, 0.001), 0)}/s.`,
    );
    findings.push(
      busyCores >= cores * 0.9
        ? `bottleneck: the machine's CPU (${busyCores} of ${cores} cores busy); the largest consumer is ${top?.process} (${top?.coreShare} of a core), then ${shares[1]?.process} (${shares[1]?.coreShare})`
        : top && top.coreShare >= 0.9
          ? `bottleneck: ${top.process}, a single-threaded process at ${top.coreShare} of a core`
          : `bottleneck: latency, not CPU (machine ${busyCores} of ${cores} cores busy, largest process ${top?.process} at ${top?.coreShare} of a core): live calls averaged ${meanLive} of ${CAP}, so the refill path's round trips set the pace`,
    );

    return {
      name: 'lifecycles',
      figures: {
        calls: CALLS,
        completedLeads: campaign.completedLeads,
        campaignStatus: campaign.status,
        windowMs,
        lifecyclesPerSecond: perSecond,
        steadyLifecyclesPerSecond: steadyPerSecond,
        meanLiveCalls: meanLive,
        maxLiveCallsSeen: maxLive,
        perCallP50Ms: perCall.p50,
        perCallP99Ms: perCall.p99,
        machineBusyCores: busyCores,
        cpuMsPerLifecycle: totalMsPerLifecycle,
        ...Object.fromEntries(shares.map((s) => [`cpuMsPerLifecycle.${s.process}`, s.msPerLifecycle])),
      },
      targets: [{ what: 'max live calls', target: `<= ${CAP}`, actual: String(maxLive), met: maxLive <= CAP }],
      parameters: {
        calls: CALLS,
        cap: CAP,
        dialers: DIALERS,
        dialerConcurrency: CAP,
        simTimeScale: SIM_TIME_SCALE,
        warmupCallsBefore: WARMUP_CALLS,
        measuredFrom: 'POST /api/campaigns sent -> Campaign.completedAt',
      },
      findings,
      details: { cpu: shares, perCallSummary: perCall },
    };
  } catch (err) {
    saveStackLogs('lifecycles', stack);
    throw err;
  }
}

async function readCpu(pids: Map<string, number>): Promise<Map<string, number>> {
  const cpu = new Map<string, number>();
  for (const [name, pid] of pids) cpu.set(name, await cpuSeconds(pid).catch(() => 0));
  cpu.set('postgres', await postgresCpuSeconds());
  return cpu;
}
