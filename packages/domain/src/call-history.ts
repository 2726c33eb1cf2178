import type { TIncomingCallEvent, TSentiment } from '@dialwave/contracts';
import type { Db } from '@dialwave/db';

export type TCallHistoryEntry = TIncomingCallEvent['history'][number];
export type TSuggestedAgent = NonNullable<TIncomingCallEvent['suggestedAgent']>;
export type TLastSummary = NonNullable<TIncomingCallEvent['lastSummary']>;

/** How many of a lead's calls an agent sees when the phone rings; enough to know the story, small enough to glance at. */
export const CALL_HISTORY_LIMIT = 10;

/** A lead's most recent calls, newest first, with each call's sentiment, as the incoming-call card and the by-phone lookup show them. */
export async function buildCallHistory(
  prisma: Db,
  leadId: string,
  options: { excludeCallId?: string; limit?: number } = {},
): Promise<TCallHistoryEntry[]> {
  const calls = await prisma.call.findMany({
    where: { leadId, ...(options.excludeCallId ? { id: { not: options.excludeCallId } } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: options.limit ?? CALL_HISTORY_LIMIT,
    select: {
      id: true,
      createdAt: true,
      direction: true,
      status: true,
      durationSeconds: true,
      disposition: true,
      report: { select: { sentiment: true } },
    },
  });
  return calls.map((call) => ({
    callId: call.id,
    at: call.createdAt.toISOString(),
    direction: call.direction,
    status: call.status,
    durationSeconds: call.durationSeconds,
    disposition: call.disposition,
    sentiment: call.report?.sentiment ?? null,
  }));
}

/** The summary of the lead's latest call whose report has one: what the agent should know before saying hello. */
export async function lastSummaryOf(prisma: Db, leadId: string, options: { excludeCallId?: string } = {}): Promise<TLastSummary | null> {
  const report = await prisma.callReport.findFirst({
    where: { call: { leadId }, summary: { not: null }, ...(options.excludeCallId ? { callId: { not: options.excludeCallId } } : {}) },
    orderBy: [{ call: { createdAt: 'desc' } }, { callId: 'desc' }],
    select: { callId: true, summary: true, call: { select: { createdAt: true } } },
  });
  return report?.summary ? { callId: report.callId, at: report.call.createdAt.toISOString(), summary: report.summary } : null;
}

/**
 * Who should take a call from this lead, and why:
 * 1. the agent whose most recent (ended) call with the lead was answered and judged positive: the caller
 *    liked talking to them, and the newest such conversation wins;
 * 2. otherwise the agent who last really talked with the lead (a COMPLETED call with talk time), since a
 *    caller who rings back usually wants the person they spoke to;
 * 3. otherwise `fallback` (the agent of the number called), which carries its own reason.
 * `excludeCallId` leaves out the call that is ringing now.
 */
export async function suggestAgentFor(
  prisma: Db,
  {
    userId,
    leadId,
    fallback,
    excludeCallId,
  }: { userId: string; leadId?: string | null; fallback?: TSuggestedAgent | null; excludeCallId?: string },
): Promise<TSuggestedAgent | null> {
  if (leadId) {
    const [positive] = await prisma.$queryRaw<{ id: string; name: string; at: Date }[]>`
      SELECT latest."agentId" AS "id", a."name", latest."createdAt" AS "at"
      FROM (
        SELECT DISTINCT ON (c."agentId") c."agentId", c."createdAt", c."status", c."durationSeconds", r."sentiment"
        FROM "Call" c
        LEFT JOIN "CallReport" r ON r."callId" = c."id"
        WHERE c."userId" = ${userId} AND c."leadId" = ${leadId} AND c."agentId" IS NOT NULL AND c."id" <> ${excludeCallId ?? ''}
          AND c."status" IN ('COMPLETED', 'BUSY', 'MISSED', 'FAILED', 'CANCELED')
        ORDER BY c."agentId", c."createdAt" DESC, c."id" DESC
      ) latest
      JOIN "Agent" a ON a."id" = latest."agentId" AND a."userId" = ${userId}
      WHERE latest."status" = 'COMPLETED' AND latest."durationSeconds" > 0 AND latest."sentiment" = 'positive'
      ORDER BY latest."createdAt" DESC
      LIMIT 1`;
    if (positive) {
      return {
        id: positive.id,
        name: positive.name,
        reason: { rule: 'positive-conversation', at: positive.at.toISOString(), sentiment: 'positive' },
      };
    }
    const lastGoodCall = await prisma.call.findFirst({
      where: {
        userId,
        leadId,
        status: 'COMPLETED',
        durationSeconds: { gt: 0 },
        agentId: { not: null },
        agent: { userId },
        ...(excludeCallId ? { id: { not: excludeCallId } } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { createdAt: true, agent: { select: { id: true, name: true } }, report: { select: { sentiment: true } } },
    });
    if (lastGoodCall?.agent) {
      const sentiment: TSentiment | null = lastGoodCall.report?.sentiment ?? null;
      return { ...lastGoodCall.agent, reason: { rule: 'last-conversation', at: lastGoodCall.createdAt.toISOString(), sentiment } };
    }
  }
  return fallback ?? null;
}
