import { isTransactionConflictError } from '@dialwave/db/errors';
import { runCallStatusBatch, type CallStatusStatementResult } from './call-status-statement';
import { applyCallStatusUpdate, settleCallStatusWrite, type CallStatusUpdateResult } from './call-status-update';
import type { CallStatusUpdate } from './call-status-update-input';
import type { CallStatusDeps } from './deps';

/** Runs of a batch that lost a deadlock or serialization race before the batch gives up. */
const CONFLICT_ATTEMPTS = 5;

/**
 * Group commit: applies many status updates in one statement (one round trip, one commit, one WAL flush)
 * instead of one each, through the same statement and with the same rules as applyCallStatusUpdate, in the
 * order given (so one call's updates apply in the order they arrived). Locks are taken up front in a fixed
 * order (runCallStatusBatch), and a batch that still loses a deadlock or serialization race runs again from
 * the start; nothing of it was committed. Events are published only after the commit, in order.
 */
export async function applyCallStatusBatch(deps: CallStatusDeps, updates: readonly CallStatusUpdate[]): Promise<CallStatusUpdateResult[]> {
  if (updates.length === 0) return [];
  // One statement is atomic on its own and takes its locks in the fixed order: no transaction needed.
  if (updates.length === 1) return [await applyCallStatusUpdate(deps, updates[0]!)];
  const written = await writeBatch(deps, updates);
  // Settled together: each publishes synchronously before its first await, so the events go out in order.
  return Promise.all(updates.map((update, i) => settleCallStatusWrite(deps, update, written[i]!)));
}

async function writeBatch(deps: CallStatusDeps, updates: readonly CallStatusUpdate[]): Promise<CallStatusStatementResult[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runCallStatusBatch(deps.prisma, updates);
    } catch (err) {
      if (!isTransactionConflictError(err) || attempt >= CONFLICT_ATTEMPTS) throw err;
      deps.logger.warn({ err, attempt, updates: updates.length }, 'status batch lost a lock race; running it again');
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}
