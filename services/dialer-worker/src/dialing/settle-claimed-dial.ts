import type { Logger } from 'pino';
import { applyCallStatusUpdate } from '@dialwave/domain';
import { wakeOrDeadline } from './await-call-end';
import type { CallEndSubscription } from './call-end-watcher';
import type { DialingDeps } from './dialing-deps';

/** Time for a request released at the very end of its timeout to show up at the carrier. */
const SETTLE_MARGIN_MS = 1_000;

/**
 * A re-run found its call's dial request claimed by a run that died before hearing back: the carrier may
 * or may not have placed the call. Once no request of that run can still be on its way, the callbacks
 * (which carry our call id) or the carrier's own call list tell which: 'wait' when the call exists or the
 * carrier cannot say (a call is never risked twice), 'dial' when the carrier certainly has no such call.
 */
export async function settleClaimedDial(
  deps: Pick<DialingDeps, 'campaign' | 'providers' | 'repository' | 'config'>,
  subscription: CallEndSubscription,
  claimedAt: Date,
  logger: Logger,
): Promise<'wait' | 'dial'> {
  const settleAt = Math.max(claimedAt.getTime() + deps.config.dialRequestTimeoutMs, Date.now()) + SETTLE_MARGIN_MS;
  await wakeOrDeadline(subscription, settleAt - Date.now());
  const call = await deps.repository.findCall(subscription.callId);
  if (call.providerCallSid || call.status !== 'INITIATED') return 'wait';

  let placed;
  try {
    placed = await deps.providers.forProvider(call.provider).findPlacedCall({ to: call.toNumber, from: call.fromNumber, since: claimedAt });
  } catch (err) {
    logger.warn({ err }, 'could not ask the carrier whether the lost dial request placed a call; waiting for callbacks');
    return 'wait';
  }
  if (placed === 'unknown') return 'wait';
  if (placed) {
    logger.info({ providerCallSid: placed.providerCallSid }, 'the carrier placed the lost dial request; following that call');
    await applyCallStatusUpdate(deps.campaign, {
      callId: call.id,
      status: 'DIALING',
      event: 'dial:recovered',
      providerCallSid: placed.providerCallSid,
    });
    return 'wait';
  }
  logger.info('the carrier has no call for the lost dial request; dialing it now');
  await deps.repository.releaseDialClaim(call.id);
  return 'dial';
}
