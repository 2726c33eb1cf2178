import type { Call, Db } from '@dialwave/db';
import { DAILY_CAP_WINDOW_MS } from '@dialwave/domain';

/** Everything the pre-dial checks read, in one round trip. */
export interface GateFacts {
  onDncList: boolean;
  /** When the number next has room under the daily cap (this call excluded); null = it has room now. */
  capFreesAt: Date | null;
  callingWindows: unknown;
  campaignTimezone: string | null;
  answeringMachine: string | null;
  leadPhone: string | null;
  leadTimezone: string | null;
}

/**
 * Reads the facts of a dial: whether the user's do-not-call list holds the number; when the number's calls
 * of the last 24 h (every campaign of the user, this call and dials the gate held back excluded) leave room
 * under the cap; the campaign's calling windows and zone; the lead's number and zone. Read without the
 * number lock: only the do-not-call list races a dial, and the claim checks it again under the lock.
 * Concurrent dials of one number by two campaigns both see each other's Call rows (created before either
 * gate), so the cap errs on the side of waiting.
 */
export async function readGateFacts(db: Db, call: Call, dailyCap: number, now: Date): Promise<GateFacts> {
  const capStart = new Date(now.getTime() - DAILY_CAP_WINDOW_MS).toISOString();
  const rows = await db.$queryRaw<GateFacts[]>`
    SELECT
      EXISTS (SELECT 1 FROM "DncEntry" d WHERE d."userId" = ${call.userId} AND d."phone" = ${call.toNumber}) AS "onDncList",
      (SELECT k."createdAt" + interval '24 hours' FROM "Call" k
        WHERE k."leadId" = ${call.leadId} AND k."userId" = ${call.userId} AND k."direction" = 'OUTBOUND' AND k."id" <> ${call.id}
          AND k."createdAt" > ${capStart}::timestamp AND NOT (k."status" = 'CANCELED' AND k."providerCallSid" IS NULL)
        ORDER BY k."createdAt" DESC OFFSET ${dailyCap - 1} LIMIT 1) AS "capFreesAt",
      c."callingWindows" AS "callingWindows", c."timezone" AS "campaignTimezone", c."answeringMachine" AS "answeringMachine",
      l."phone" AS "leadPhone", l."timezone" AS "leadTimezone"
    FROM (SELECT 1) AS one
    LEFT JOIN "Campaign" c ON c."id" = ${call.campaignId}
    LEFT JOIN "Lead" l ON l."id" = ${call.leadId}`;
  const facts = rows[0]!;
  return { ...facts, capFreesAt: facts.capFreesAt ? new Date(facts.capFreesAt) : null };
}
