import { request } from 'node:http';
import { ApiClient } from '@dialwave/testkit';
import type { BenchContext } from '../harness';
import { pidListeningOn, residentKib, sampleResidentMemory } from '../probes/process-stats';
import type { BenchReport } from '../report/result';
import { saveStackLogs } from '../report/stack-logs';
import { round } from '../report/stats';
import { insertGeneratedLeads, signUpBenchTenant } from '../seed/bench-tenant';

const CALLS = 100_000;
const RSS_SAMPLE_INTERVAL_MS = 50;
/** Constant memory: the API's resident set may grow by a small fixed amount, not with the number of calls. */
const RSS_GROWTH_TARGET_MIB = 64;

/**
 * `GET /api/campaigns/:id/calls.csv` over 100,000 calls: how long the whole download takes and what it
 * costs campaign-api's memory (peak RSS while streaming against RSS before), read by a client that takes the
 * bytes as they come.
 */
export async function runCallsExport100k(context: BenchContext): Promise<BenchReport> {
  const { db } = context;
  // A cold start of one process can take long on a shared machine; it is not what this measures.
  const stack = await context.startStack({ services: ['campaign-api'], readyTimeoutMs: 90_000 });
  context.progress('stack ready');
  try {
    const api = new ApiClient(stack.apiUrl);
    const tenant = await signUpBenchTenant(api, 'export100k');
    await insertGeneratedLeads(db.prisma, tenant.userId, CALLS);
    const campaign = await db.prisma.campaign.create({
      data: {
        userId: tenant.userId,
        agentId: tenant.agentId,
        name: 'bench export',
        status: 'COMPLETED',
        totalLeads: CALLS,
        completedLeads: CALLS,
      },
    });
    const seedStarted = Date.now();
    // One call per lead, every outcome of the simulator's table, set-wise.
    await db.prisma.$executeRaw`
      INSERT INTO "Call" ("id", "userId", "direction", "status", "provider", "providerCallSid", "fromNumber", "toNumber", "campaignId", "leadId",
        "agentId", "attempt", "answeredBy", "answeredAt", "endedAt", "durationSeconds", "failureReason", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${tenant.userId}, 'OUTBOUND',
        (CASE WHEN n % 10 < 6 THEN 'COMPLETED' WHEN n % 10 = 6 THEN 'MISSED' WHEN n % 10 = 7 THEN 'BUSY' ELSE 'FAILED' END)::"CallStatus",
        'SIMULATOR', 'CA' || md5(l."id"), '+14155550100', l."phone", ${campaign.id}, l."id", ${tenant.agentId}, 1,
        CASE WHEN n % 10 < 5 THEN 'human' WHEN n % 10 = 5 THEN 'machine_start' END,
        CASE WHEN n % 10 < 6 THEN now() END, now(), CASE WHEN n % 10 < 6 THEN 2 + n % 10 ELSE 0 END,
        CASE WHEN n % 10 >= 8 THEN 'twilio error 21211: invalid number' END,
        now() - (${CALLS} - n) * interval '1 millisecond', now()
      FROM (SELECT "id", "phone", row_number() OVER (ORDER BY "createdAt", "id") AS n FROM "Lead" WHERE "userId" = ${tenant.userId}) AS l`;
    await db.prisma.$executeRawUnsafe('ANALYZE "Call"');
    context.progress(`${CALLS} calls seeded in ${Date.now() - seedStarted} ms`);

    const apiPid = await pidListeningOn(Number(new URL(stack.apiUrl).port));
    const rssBeforeKib = await residentKib(apiPid);
    const sampler = sampleResidentMemory(apiPid, { intervalMs: RSS_SAMPLE_INTERVAL_MS, maxSamples: 2000 });
    const started = Date.now();
    const { bytes, lines, firstByteMs } = await download(`${stack.apiUrl}/api/campaigns/${campaign.id}/calls.csv`, api.authToken!, started);
    const exportMs = Date.now() - started;
    const samples = await sampler.stop();
    const rssPeakKib = Math.max(rssBeforeKib, ...samples.map((s) => s.rssKib));
    const growthMiB = round((rssPeakKib - rssBeforeKib) / 1024, 1);
    context.progress(
      `exported ${lines - 1} calls (${round(bytes / 1048576, 1)} MiB) in ${exportMs} ms; API RSS ${round(rssBeforeKib / 1024, 1)} → peak ${round(rssPeakKib / 1024, 1)} MiB`,
    );

    const findings = [
      `campaign-api streams keyset pages of 1,000 calls through csv-stringify with backpressure (services/campaign-api/src/campaigns/calls-csv-export.ts); the client read ${lines - 1} data rows, first byte after ${firstByteMs} ms`,
    ];
    if (lines - 1 !== CALLS) findings.push(`expected ${CALLS} data rows, read ${lines - 1}`);
    return {
      name: 'calls-export-100k',
      figures: {
        calls: CALLS,
        exportMs,
        firstByteMs,
        rowsPerSecond: Math.round(((lines - 1) * 1000) / exportMs),
        megabytes: round(bytes / 1048576, 1),
        apiRssBeforeMiB: round(rssBeforeKib / 1024, 1),
        apiRssPeakMiB: round(rssPeakKib / 1024, 1),
        apiRssGrowthMiB: growthMiB,
      },
      targets: [
        {
          what: 'API peak RSS growth while exporting 100k calls',
          target: `< ${RSS_GROWTH_TARGET_MIB} MiB (constant memory)`,
          actual: `${growthMiB} MiB`,
          met: growthMiB < RSS_GROWTH_TARGET_MIB,
        },
      ],
      parameters: { calls: CALLS, rssSampleIntervalMs: RSS_SAMPLE_INTERVAL_MS },
      findings,
      details: { rssSamplesKib: samples },
    };
  } catch (err) {
    saveStackLogs('calls-export-100k', stack);
    throw err;
  }
}

/** Reads the whole body as it streams, counting bytes and lines, never holding it. */
function download(url: string, token: string, started: number): Promise<{ bytes: number; lines: number; firstByteMs: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`export answered ${res.statusCode}`));
        res.resume();
        return;
      }
      let bytes = 0;
      let lines = 0;
      let firstByteMs = -1;
      res.on('data', (chunk: Buffer) => {
        if (firstByteMs < 0) firstByteMs = Date.now() - started;
        bytes += chunk.length;
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines += 1;
      });
      res.once('end', () => resolve({ bytes, lines, firstByteMs }));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end();
  });
}
