import type { Db } from '@dialwave/db';
import { sendPreparedRequests } from '../load/callback-load';
import { insertDialingCampaign } from './seed-calls';
import { signedStatusCallbacks } from './signed-callbacks';

const SWEEP_CALLS = 1000;
const SWEEP_MAX_SECONDS = 10;

export interface SweepPoint {
  connections: number;
  callbacks: number;
  callbacksPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

/**
 * The same callbacks at other client concurrencies, on fresh calls each time. Throughput that stays flat
 * from the pool size up means requests queue for a database connection (or a core), not for the client.
 */
export async function sweepConcurrency(
  prisma: Db,
  tenant: { userId: string; agentId: string },
  target: { url: string; accountSid: string; authToken: string },
  connectionCounts: readonly number[],
): Promise<SweepPoint[]> {
  const points: SweepPoint[] = [];
  for (const [i, connections] of connectionCounts.entries()) {
    const seeded = await insertDialingCampaign(prisma, tenant, SWEEP_CALLS, 100_000 + i * 10_000);
    const requests = signedStatusCallbacks(seeded.calls, {
      publicWebhookUrl: target.url,
      accountSid: target.accountSid,
      authToken: target.authToken,
      groupSize: connections,
    });
    const result = await sendPreparedRequests(`webhook-ingest x${connections}`, target.url, requests, {
      connections,
      maxSeconds: SWEEP_MAX_SECONDS,
    });
    points.push({
      connections,
      callbacks: result.requests,
      callbacksPerSecond: result.requestsPerSecond,
      p50Ms: result.latencyP50Ms,
      p99Ms: result.latencyP99Ms,
      non2xx: result.non2xx,
    });
  }
  return points;
}
