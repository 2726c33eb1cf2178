import type { Logger } from 'pino';
import type { Call } from '@dialwave/db';
import { applyCallStatusUpdate, isTerminalCallStatus, type CallStatusUpdateResult } from '@dialwave/domain';
import type { ProviderCallStatus } from '@dialwave/providers';
import type { DialingDeps } from './dialing-deps';

export const TIMEOUT_FAILURE_REASON = 'timeout';

export type CarrierReading =
  /** The carrier says the call ended: that end is applied (or was already). */
  | { kind: 'ended'; result: CallStatusUpdateResult }
  /** The carrier says the call is still on. */
  | { kind: 'live'; remote: ProviderCallStatus }
  /** We could not ask: no carrier sid yet, or the carrier did not answer. */
  | { kind: 'unknown' };

/**
 * Asks the carrier how a call stands and, when it has ended, applies that end as `reconcile:<status>`
 * through the one status writer (a late real callback is then a stale duplicate). The read every
 * reconciliation starts with, whether at the call's deadline or after an outage.
 */
export async function readCallFromCarrier(
  deps: Pick<DialingDeps, 'campaign' | 'providers'>,
  call: Call,
  logger: Logger,
  details: string,
): Promise<CarrierReading> {
  if (!call.providerCallSid) return { kind: 'unknown' };
  let remote: ProviderCallStatus;
  try {
    remote = await deps.providers.forProvider(call.provider).fetchStatus(call.providerCallSid);
  } catch (err) {
    logger.warn({ err }, 'could not fetch the call status from the carrier');
    return { kind: 'unknown' };
  }
  if (!isTerminalCallStatus(remote.status)) return { kind: 'live', remote };
  logger.info({ remoteStatus: remote.status }, 'reconciled call from the carrier');
  const result = await applyCallStatusUpdate(deps.campaign, {
    callId: call.id,
    status: remote.status,
    event: `reconcile:${remote.status.toLowerCase()}`,
    ...(remote.durationSeconds !== undefined ? { durationSeconds: remote.durationSeconds } : {}),
    ...(remote.answeredBy ? { answeredBy: remote.answeredBy } : {}),
    details,
  });
  return { kind: 'ended', result };
}

/**
 * For a call that reported no end within its deadline: ask the carrier first (the terminal callback may
 * have been lost), and only when the carrier also says it is still live, hang up and fail it as `timeout`.
 */
export async function reconcileCall(
  deps: Pick<DialingDeps, 'campaign' | 'providers'>,
  call: Call,
  logger: Logger,
): Promise<CallStatusUpdateResult> {
  const reading = await readCallFromCarrier(deps, call, logger, 'terminal status fetched from the carrier after the deadline');
  if (reading.kind === 'ended') return reading.result;
  if (call.providerCallSid) {
    if (reading.kind === 'live')
      logger.warn({ remoteStatus: reading.remote.status }, 'call still live at the carrier after its deadline; hanging up');
    try {
      await deps.providers.forProvider(call.provider).hangUp(call.providerCallSid);
    } catch (err) {
      logger.warn({ err }, 'could not hang up an overdue call');
    }
  }
  return applyCallStatusUpdate(deps.campaign, {
    callId: call.id,
    status: 'FAILED',
    event: `reconcile:${TIMEOUT_FAILURE_REASON}`,
    failureReason: TIMEOUT_FAILURE_REASON,
    details: 'no terminal status within ring timeout + max call length',
  });
}
