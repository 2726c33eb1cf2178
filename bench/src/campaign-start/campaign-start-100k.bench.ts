import { ApiClient } from '@dialwave/testkit';
import { exitedServices, keysUnder, pollUntil, type BenchContext } from '../harness';
import { residentKib, sampleResidentMemory } from '../probes/process-stats';
import type { BenchReport } from '../report/result';
import { round } from '../report/stats';
import { insertGeneratedLeads, signUpBenchTenant } from '../seed/bench-tenant';
import { saveStackLogs } from '../report/stack-logs';
import { projectJobRetention } from './job-retention';

const LEADS = 100_000;
const WATCH_AFTER_START_MS = 3000;
const RSS_SAMPLE_INTERVAL_MS = 100;
/** ARCHITECTURE.md: enqueueing 100,000 jobs up front measured 3.5 s and 80 MB of Redis on this machine. */
const UP_FRONT_REFERENCE = { seconds: 3.5, redisMb: 80 };

async function redisUsedMemory(context: BenchContext): Promise<number> {
  const info = await context.redis.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? Number.NaN);
}

/** Bytes Redis attributes to each key under the prefix (MEMORY USAGE), and their number. */
async function queueFootprint(context: BenchContext): Promise<{ keys: number; bytes: number; byKey: Record<string, number> }> {
  const keys = await keysUnder(context.redis, context.queuePrefix);
  const byKey: Record<string, number> = {};
  let bytes = 0;
  for (const key of keys.slice(0, 5000)) {
    const usage = Number((await context.redis.call('MEMORY', 'USAGE', key)) ?? 0);
    bytes += usage;
    byKey[key.slice(context.queuePrefix.length + 1)] = usage;
  }
  return { keys: keys.length, bytes, byKey };
}

/**
 * Starting a 100,000-lead campaign: how long `POST /api/campaigns {allLeads:true}` takes, what it costs the
 * dialer's memory and Redis. The campaign is canceled right after, so the run ends quickly.
 */
export async function runCampaignStart100k(context: BenchContext): Promise<BenchReport> {
  const { db } = context;
  const stack = await context.startStack({
    services: ['carrier-sim', 'webhook-ingest', 'campaign-api', 'dialer-worker'],
    dialers: 1,
    simTimeScale: 0.01,
  });
  context.progress('stack ready');
  try {
    const api = new ApiClient(stack.apiUrl);
    const tenant = await signUpBenchTenant(api, 'start100k');
    const insertStarted = Date.now();
    const inserted = await insertGeneratedLeads(db.prisma, tenant.userId, LEADS);
    const insertMs = Date.now() - insertStarted;
    await db.prisma.$executeRawUnsafe('ANALYZE "Lead"');
    context.progress(`${inserted} leads inserted in ${insertMs} ms`);

    const dialer = stack.services.get('dialer-worker-1');
    if (!dialer) throw new Error('the stack has no dialer-worker-1');
    const rssBeforeKib = await residentKib(dialer.pid);
    const redisBefore = await redisUsedMemory(context);
    const footprintBefore = await queueFootprint(context);

    const sampler = sampleResidentMemory(dialer.pid, { intervalMs: RSS_SAMPLE_INTERVAL_MS, maxSamples: 200 });
    const postedAt = Date.now();
    const created = await api.createCampaign({ agentId: tenant.agentId, allLeads: true, campaignName: 'bench 100k' });
    const postMs = Date.now() - postedAt;
    context.progress(`POST /api/campaigns answered in ${postMs} ms (${created.totalLeads} leads)`);

    const redisSamples: number[] = [];
    const watchUntil = Date.now() + WATCH_AFTER_START_MS;
    while (Date.now() < watchUntil) {
      redisSamples.push(await redisUsedMemory(context));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const footprintDuring = await queueFootprint(context);
    const waitingJobs = await context.redis.llen(`${context.queuePrefix}:dial:wait`);
    // Generated phones end in n % 10, so digits 8 and 9 (carrier failure, refused dial) fail 20% of jobs.
    const retention = await projectJobRetention(context.redis, context.queuePrefix, footprintDuring.byKey, {
      leads: LEADS,
      failedShare: 0.2,
    });
    const rssSamples = await sampler.stop();
    const callsDuringWatch = await db.prisma.call.count({ where: { campaignId: created.campaignId } });
    const leadStates = await db.prisma.campaignLead.groupBy({ by: ['state'], where: { campaignId: created.campaignId }, _count: true });

    const cancelStarted = Date.now();
    await api.cancelCampaign(created.campaignId);
    const cancelMs = Date.now() - cancelStarted;
    const settled = await pollUntil(
      async () => {
        const live = await db.prisma.campaignLead.count({
          where: { campaignId: created.campaignId, state: { in: ['QUEUED', 'IN_PROGRESS'] } },
        });
        return live === 0 ? true : undefined;
      },
      { intervalMs: 50, timeoutMs: 15_000 },
    );
    const skipped = await db.prisma.campaignLead.count({ where: { campaignId: created.campaignId, state: 'SKIPPED' } });
    const rssAfterKib = await residentKib(dialer.pid);
    context.progress(`canceled in ${cancelMs} ms; ${skipped} leads skipped`);

    const insertSqlMs = await timeCampaignLeadInsert(context, tenant);
    const rssPeakKib = Math.max(...rssSamples.map((s) => s.rssKib));
    const redisPeak = Math.max(...redisSamples);
    const redisDeltaKib = round((redisPeak - redisBefore) / 1024, 1);
    const queueBytesDuring = footprintDuring.bytes - footprintBefore.bytes;

    const findings: string[] = [
      `Redis: ${footprintDuring.keys} keys under the queue prefix (${footprintBefore.keys} before the POST), ${round(footprintDuring.bytes / 1024, 1)} KiB by MEMORY USAGE (${round(queueBytesDuring / 1024, 1)} KiB more than before); ${waitingJobs} job(s) waiting. Reference for enqueueing all 100,000 up front: ${UP_FRONT_REFERENCE.redisMb} MB, ${UP_FRONT_REFERENCE.seconds} s.`,
      `used_memory delta is server-wide (other suites share this Redis): peak - before = ${redisDeltaKib} KiB.`,
    ];
    findings.push(
      `of the ${postMs} ms POST, the set-wise INSERT of ${LEADS} CampaignLead rows alone (the statement startCampaign runs, packages/domain/src/campaign-lifecycle.ts insertAllCallableLeads, timed here in a rolled-back transaction) takes ${insertSqlMs} ms; canceling marks the rest SKIPPED in ${cancelMs} ms`,
    );
    if (retention) {
      findings.push(
        `finished jobs stay in Redis by the queue's retention (removeOnComplete ${JSON.stringify(retention.removeOnComplete)}, removeOnFail ${JSON.stringify(retention.removeOnFail)}, read from a job's opts): ${retention.bytesPerFinishedJob} bytes per finished job measured over ${retention.finishedJobsSeen} jobs, so a whole ${LEADS}-lead campaign would leave about ${retention.completedJobsKept} completed + ${retention.failedJobsKept} failed jobs = ${retention.projectedMiB} MiB until age-based removal (projection, not measured)`,
      );
    }
    for (const name of exitedServices(stack))
      findings.push(`${name} EXITED during the run (stack log: ${saveStackLogs('campaign-start-100k', stack)})`);
    if (created.totalLeads !== LEADS) findings.push(`totalLeads ${created.totalLeads}, expected ${LEADS}`);
    if (!settled) findings.push('live leads did not settle within 15 s after cancel');
    if (skipped + callsDuringWatch < LEADS - 50)
      findings.push(`after cancel only ${skipped} leads are SKIPPED (calls made: ${callsDuringWatch})`);

    return {
      name: 'campaign-start-100k',
      figures: {
        leads: inserted,
        insertLeadsMs: insertMs,
        postCampaignMs: postMs,
        campaignLeadInsertSqlMs: insertSqlMs,
        totalLeads: created.totalLeads,
        dialerRssBeforeMiB: round(rssBeforeKib / 1024, 1),
        dialerRssPeakFirst3sMiB: round(rssPeakKib / 1024, 1),
        dialerRssDeltaMiB: round((rssPeakKib - rssBeforeKib) / 1024, 1),
        dialerRssAfterCancelMiB: round(rssAfterKib / 1024, 1),
        queueKeys: footprintDuring.keys,
        projectedRetainedJobsMiB: retention?.projectedMiB ?? null,
        queueMemoryKiB: round(footprintDuring.bytes / 1024, 1),
        waitingJobs,
        redisUsedMemoryDeltaKiB: redisDeltaKib,
        callsInFirst3s: callsDuringWatch,
        cancelMs,
        skippedAfterCancel: skipped,
      },
      targets: [
        {
          what: 'POST allLeads (100k) vs enqueue-all reference',
          target: `< ${UP_FRONT_REFERENCE.seconds} s`,
          actual: `${round(postMs / 1000, 2)} s`,
          met: postMs < UP_FRONT_REFERENCE.seconds * 1000,
        },
        {
          what: 'queue memory in Redis',
          target: '<< 80 MB (a handful of jobs)',
          actual: `${round(footprintDuring.bytes / 1024, 1)} KiB`,
          met: footprintDuring.bytes < 1024 * 1024,
        },
      ],
      parameters: {
        leads: LEADS,
        maxConcurrentCalls: 5,
        watchAfterStartMs: WATCH_AFTER_START_MS,
        rssSampleIntervalMs: RSS_SAMPLE_INTERVAL_MS,
      },
      findings,
      details: {
        rssSamplesKib: rssSamples,
        redisUsedMemorySamples: redisSamples,
        redisUsedMemoryBefore: redisBefore,
        queueKeysDuring: footprintDuring.byKey,
        retention,
        leadStatesBeforeCancel: Object.fromEntries(leadStates.map((row) => [row.state, row._count])),
      },
    };
  } catch (err) {
    saveStackLogs('campaign-start-100k', stack);
    throw err;
  }
}

class RolledBack extends Error {}

/** Times the CampaignLead insert for every lead of the user on its own, then rolls it back. */
async function timeCampaignLeadInsert(context: BenchContext, tenant: { userId: string; agentId: string }): Promise<number> {
  let elapsedMs = Number.NaN;
  await context.db.prisma
    .$transaction(
      async (tx) => {
        const campaign = await tx.campaign.create({
          data: { userId: tenant.userId, agentId: tenant.agentId, name: 'timing only', status: 'RUNNING' },
        });
        const started = Date.now();
        await tx.$executeRaw`
          INSERT INTO "CampaignLead" ("id", "campaignId", "leadId", "position", "state", "attempts", "updatedAt")
          SELECT gen_random_uuid()::text, ${campaign.id}, l."id", row_number() OVER (ORDER BY l."createdAt", l."id"), 'PENDING', 0, now()
          FROM "Lead" l
          WHERE l."userId" = ${tenant.userId} AND l."status" <> 'DO_NOT_CALL'`;
        elapsedMs = Date.now() - started;
        throw new RolledBack();
      },
      { timeout: 60_000 },
    )
    .catch((err: unknown) => {
      if (!(err instanceof RolledBack)) throw err;
    });
  return elapsedMs;
}
