import { TERMINAL_CALL_STATUSES } from '@dialwave/contracts';
import type { Db } from '@dialwave/db';
import { waitFor } from '@dialwave/testkit';

/** One fault as a test played it, and how the system came back from it (epoch ms, durations in ms). */
export interface FaultRecovery {
  fault: string;
  startedAt: number;
  /** When what the fault broke was back (the restarted process ready, the server answering). */
  endedAt: number;
  /** From the fault's end to the campaign's next step (a lead done or a call placed). */
  progressAfterMs: number;
  /** The campaign had completed before the fault ended: it never waited for what the fault broke. */
  completedBeforeEnd: boolean;
  /** Calls open when the fault ended, and how long after it the last of them was seen ended. */
  openCallsAtEnd: number;
  lastOpenCallEndedAfterMs: number;
}

/**
 * Waits for the campaign's first step after `since`: a lead finished or a call placed, or `since` itself
 * when the campaign had already completed (it did not wait for what the fault broke). Errors (the database
 * may still be coming back) are retried until the deadline.
 */
export async function waitForProgress(prisma: Db, campaignId: string, since: number, timeoutMs: number): Promise<number> {
  const after = new Date(since);
  return waitFor(
    async () => {
      const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { completedAt: true } });
      if (campaign.completedAt && campaign.completedAt <= after) return since;
      const rows = await prisma.$queryRaw<{ at: Date | null }[]>`
        SELECT min(at) AS at FROM (
          SELECT "createdAt" AS at FROM "Call" WHERE "campaignId" = ${campaignId} AND "createdAt" > ${after}
          UNION ALL
          SELECT "updatedAt" AS at FROM "CampaignLead" WHERE "campaignId" = ${campaignId} AND "state" = 'DONE' AND "updatedAt" > ${after}
        ) steps`;
      return rows[0]?.at?.getTime();
    },
    { timeoutMs, intervalMs: 100, what: `campaign ${campaignId} to make progress after the fault` },
  );
}

/** The campaign's calls that are not over, by id (retried while the database comes back). */
export function openCalls(prisma: Db, campaignId: string, timeoutMs: number): Promise<string[]> {
  return waitFor(
    async () => {
      const calls = await prisma.call.findMany({
        where: { campaignId, status: { notIn: [...TERMINAL_CALL_STATUSES] } },
        select: { id: true },
      });
      return { ids: calls.map((call) => call.id) };
    },
    { timeoutMs, intervalMs: 100, what: 'the open calls to be listed' },
  ).then(({ ids }) => ids);
}

/** Waits until every one of these calls is over; resolves with when that was first seen (undefined: none was open). */
export async function waitForCallsEnded(prisma: Db, callIds: readonly string[], timeoutMs: number): Promise<number | undefined> {
  if (callIds.length === 0) return undefined;
  await waitFor(
    async () => (await prisma.call.count({ where: { id: { in: [...callIds] }, status: { notIn: [...TERMINAL_CALL_STATUSES] } } })) === 0,
    { timeoutMs, intervalMs: 100, what: `the ${callIds.length} calls open at the fault's end to end` },
  );
  return Date.now();
}

/**
 * After a fault has ended: records what was open, then waits (at most `timeoutMs` for each) for the
 * campaign to move again and for every call open at that moment to end.
 */
export async function observeRecovery(
  prisma: Db,
  campaignId: string,
  fault: string,
  startedAt: number,
  endedAt: number,
  timeoutMs: number,
): Promise<FaultRecovery> {
  const open = await openCalls(prisma, campaignId, timeoutMs);
  const [progressAt, endedAllAt] = await Promise.all([
    waitForProgress(prisma, campaignId, endedAt, timeoutMs),
    waitForCallsEnded(prisma, open, timeoutMs),
  ]);
  const campaign = await prisma.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { completedAt: true } });
  return {
    fault,
    startedAt,
    endedAt,
    completedBeforeEnd: campaign.completedAt !== null && campaign.completedAt.getTime() <= endedAt,
    progressAfterMs: Math.max(0, progressAt - endedAt),
    openCallsAtEnd: open.length,
    lastOpenCallEndedAfterMs: endedAllAt === undefined ? 0 : Math.max(0, endedAllAt - endedAt),
  };
}
