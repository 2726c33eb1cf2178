import type { TIncomingCallEvent } from '@dialwave/contracts';
import type { Db } from '@dialwave/db';

export type TCallHistoryEntry = TIncomingCallEvent['history'][number];
export type TSuggestedAgent = NonNullable<TIncomingCallEvent['suggestedAgent']>;

/** How many of a lead's calls an agent sees when the phone rings; enough to know the story, small enough to glance at. */
export const CALL_HISTORY_LIMIT = 10;

/** A lead's most recent calls, newest first, as the incoming-call card and the by-phone lookup show them. */
export async function buildCallHistory(
  prisma: Db,
  leadId: string,
  options: { excludeCallId?: string; limit?: number } = {},
): Promise<TCallHistoryEntry[]> {
  const calls = await prisma.call.findMany({
    where: { leadId, ...(options.excludeCallId ? { id: { not: options.excludeCallId } } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: options.limit ?? CALL_HISTORY_LIMIT,
    select: { id: true, createdAt: true, direction: true, status: true, durationSeconds: true, disposition: true },
  });
  return calls.map((call) => ({
    callId: call.id,
    at: call.createdAt.toISOString(),
    direction: call.direction,
    status: call.status,
    durationSeconds: call.durationSeconds,
    disposition: call.disposition,
  }));
}

/**
 * The agent who last really talked with this lead (a COMPLETED call with talk time), since a caller who
 * rings back usually wants the person they spoke to; otherwise `fallback` (the agent of the number called).
 */
export async function suggestAgentFor(
  prisma: Db,
  { userId, leadId, fallback }: { userId: string; leadId?: string | null; fallback?: TSuggestedAgent | null },
): Promise<TSuggestedAgent | null> {
  if (leadId) {
    const lastGoodCall = await prisma.call.findFirst({
      where: { userId, leadId, status: 'COMPLETED', durationSeconds: { gt: 0 }, agentId: { not: null }, agent: { userId } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { agent: { select: { id: true, name: true } } },
    });
    if (lastGoodCall?.agent) return lastGoodCall.agent;
  }
  return fallback ?? null;
}
