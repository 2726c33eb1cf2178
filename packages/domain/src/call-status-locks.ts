import { Prisma, type DbTransaction } from '@dialwave/db';

/**
 * Takes, in one fixed order, the row locks the status statement (call-status-statement.ts) would take one
 * update at a time: every Call row of the batch, by id, then every Campaign row of those calls, by id. A
 * batch that took them statement by statement would hold campaign X (a terminal update of call A) while
 * waiting for call B, which a dialer's single statement holds while it waits for campaign X: a deadlock.
 * Taken up front, calls before campaigns as the single statement does, no writer waits for a lock "behind"
 * one it holds. FOR UPDATE on the campaign is the mode the statement itself needs (its `camp_locked`);
 * taking a weaker one first would make the statement upgrade it, which deadlocks against another batch.
 * When the statement learns to lock another table, add it here in the same position.
 */
export async function lockCallStatusRows(tx: DbTransaction, callIds: readonly string[]): Promise<void> {
  const ids = [...new Set(callIds)];
  if (ids.length === 0) return;
  const list = Prisma.join(ids);
  // ORDER BY under FOR UPDATE: the rows are locked in the order they are returned.
  await tx.$queryRaw`SELECT "id" FROM "Call" WHERE "id" IN (${list}) ORDER BY "id" FOR UPDATE`;
  await tx.$queryRaw`
    SELECT "id" FROM "Campaign"
    WHERE "id" IN (SELECT "campaignId" FROM "Call" WHERE "id" IN (${list}) AND "campaignId" IS NOT NULL)
    ORDER BY "id" FOR UPDATE`;
}
