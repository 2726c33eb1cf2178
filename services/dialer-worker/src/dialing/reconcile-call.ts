import type { Logger } from 'pino';
import type { Call } from '@dialwave/db';
import { applyCallStatusUpdate, isTerminalCallStatus, type CallStatusUpdateResult } from '@dialwave/domain';
import type { DialingDeps } from './dialing-deps';

export const TIMEOUT_FAILURE_REASON = 'timeout';

/**
 * For a call that reported no end within its deadline: ask the carrier first (the terminal callback may
 * have been lost), and only when the carrier also says it is still live, hang up and fail it as `timeout`.
 */
export async function reconcileCall(deps: Pick<DialingDeps, 'campaign' | 'providers'>, call: Call, logger: Logger): Promise<CallStatusUpdateResult> {
  const statusDeps = deps.campaign;
  const provider = deps.providers.forProvider(call.provider);
  if (call.providerCallSid) {
    try {
      const remote = await provider.fetchStatus(call.providerCallSid);
      if (isTerminalCallStatus(remote.status)) {
        logger.info({ remoteStatus: remote.status }, 'reconciled call from the carrier');
        return await applyCallStatusUpdate(statusDeps, {
          callId: call.id,
          status: remote.status,
          event: `reconcile:${remote.status.toLowerCase()}`,
          ...(remote.durationSeconds !== undefined ? { durationSeconds: remote.durationSeconds } : {}),
          ...(remote.answeredBy ? { answeredBy: remote.answeredBy } : {}),
          details: 'terminal status fetched from the carrier after the deadline',
        });
      }
      logger.warn({ remoteStatus: remote.status }, 'call still live at the carrier after its deadline; hanging up');
    } catch (err) {
      logger.warn({ err }, 'could not fetch the call status from the carrier');
    }
    try {
      await provider.hangUp(call.providerCallSid);
    } catch (err) {
      logger.warn({ err }, 'could not hang up an overdue call');
    }
  }
  return applyCallStatusUpdate(statusDeps, {
    callId: call.id,
    status: 'FAILED',
    event: `reconcile:${TIMEOUT_FAILURE_REASON}`,
    failureReason: TIMEOUT_FAILURE_REASON,
    details: 'no terminal status within ring timeout + max call length',
  });
}
