import type { Logger } from 'pino';
import type { Call } from '@dialwave/db';
import type { DialingDeps } from './dialing-deps';
import { readCallFromCarrier } from './reconcile-call';

const PAGE = 200;
/** Carrier status requests in flight at once. */
const CONCURRENCY = 5;

export interface OutageSettlement {
  /** The recovery mark handled (epoch ms). */
  mark: number;
  checked: number;
  /** Ended at the carrier: their end is now applied. */
  ended: number;
  /** Still on at the carrier: their callbacks (or their deadline) will end them. */
  live: number;
  /** The carrier could not say (no answer, or a carrier without a status query such as SansPBX). */
  unknown: number;
}

/**
 * After an outage (a recovery mark newer than the last one handled, see OutageRecovery), asks the carrier
 * about every call that was open before the mark and applies the ends it reports: a call whose terminal
 * callback was refused (Redis away) or lost (webhook-ingest down) is settled now, not at its hour-long
 * deadline. Calls still live are left alone. Runs from the sweep, so within a sweep interval of the mark.
 */
export async function settleCallsAfterOutage(deps: DialingDeps, logger: Logger): Promise<OutageSettlement | undefined> {
  const { mark, handled } = await deps.recovery.read();
  if (mark <= handled) return undefined;
  const settlement: OutageSettlement = { mark, checked: 0, ended: 0, live: 0, unknown: 0 };
  let after: Call | undefined;
  for (;;) {
    const calls = await deps.repository.findOpenCallsCreatedBefore(new Date(mark), PAGE, after);
    for (let i = 0; i < calls.length; i += CONCURRENCY) {
      await Promise.all(
        calls.slice(i, i + CONCURRENCY).map(async (call) => {
          const callLogger = logger.child({ callId: call.id, ...(call.campaignId ? { campaignId: call.campaignId } : {}) });
          const reading = await readCallFromCarrier(deps, call, callLogger, 'terminal status fetched from the carrier after an outage');
          settlement.checked += 1;
          settlement[reading.kind] += 1;
        }),
      );
    }
    if (calls.length < PAGE) break;
    after = calls.at(-1);
  }
  await deps.recovery.markHandled(mark);
  logger.info(settlement, 'settled calls that were open during an outage');
  return settlement;
}
