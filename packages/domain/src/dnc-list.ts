import type { DbTransaction, DncSource } from '@dialwave/db';
import { lockNumber, lockNumbers } from './hopper-locks';

/**
 * Puts numbers on a user's do-not-call list (a number already there stays as it was) and marks the user's
 * leads with those numbers DO_NOT_CALL, under each number's advisory lock: a dial claimed after this commits
 * sees the entry (see the dialer's pre-dial gate), so a lead already queued is never dialed once the add
 * has committed. Returns how many numbers were new on the list.
 */
export async function addToDncList(tx: DbTransaction, userId: string, phones: readonly string[], source: DncSource): Promise<number> {
  const unique = [...new Set(phones)].sort();
  if (unique.length === 0) return 0;
  if (unique.length === 1) await lockNumber(tx, userId, unique[0]!);
  else await lockNumbers(tx, userId, unique);
  const { count } = await tx.dncEntry.createMany({ data: unique.map((phone) => ({ userId, phone, source })), skipDuplicates: true });
  await tx.lead.updateMany({ where: { userId, phone: { in: unique }, status: { not: 'DO_NOT_CALL' } }, data: { status: 'DO_NOT_CALL' } });
  return count;
}

/**
 * Takes a number off the list: it may be dialed again, and a lead that was DO_NOT_CALL because of it starts
 * over as NEW. Returns false when the number was not on the list.
 */
export async function removeFromDncList(tx: DbTransaction, userId: string, phone: string): Promise<boolean> {
  await lockNumber(tx, userId, phone);
  const { count } = await tx.dncEntry.deleteMany({ where: { userId, phone } });
  if (count > 0) await tx.lead.updateMany({ where: { userId, phone, status: 'DO_NOT_CALL' }, data: { status: 'NEW' } });
  return count > 0;
}
