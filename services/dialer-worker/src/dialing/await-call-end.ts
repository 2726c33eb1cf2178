import type { Logger } from 'pino';
import type { Call } from '@dialwave/db';
import { isTerminalCallStatus } from '@dialwave/domain';
import type { CallEndSubscription } from './call-end-watcher';
import type { DialingDeps } from './dialing-deps';
import { reconcileCall } from './reconcile-call';

/**
 * Waits for a call to reach a terminal status. The subscription exists before this is called, and the
 * first database read happens right here, so an end published before the wait began is not missed. A
 * wake-up that carries the published end is final (it is published after its commit, and a terminal status
 * never changes), so the slot frees without another read; any other wake-up re-reads the database. At the
 * deadline the call is reconciled.
 */
export async function awaitCallEnd(
  deps: Pick<DialingDeps, 'campaign' | 'providers' | 'repository' | 'config'>,
  subscription: CallEndSubscription,
  logger: Logger,
): Promise<Call> {
  let call = await deps.repository.findCall(subscription.callId);
  for (;;) {
    if (isTerminalCallStatus(call.status)) return call;
    const remainingMs = call.createdAt.getTime() + deps.config.callDeadlineMs - Date.now();
    const woken = remainingMs > 0 && (await wakeOrDeadline(subscription, remainingMs));
    if (!woken) {
      await reconcileCall(deps, await deps.repository.findCall(call.id), logger);
      return deps.repository.findCall(call.id);
    }
    const ended = subscription.ended;
    call =
      ended && isTerminalCallStatus(ended.status as Call['status'])
        ? {
            ...call,
            status: ended.status as Call['status'],
            failureReason: ended.failureReason ?? call.failureReason,
            ...(ended.durationSeconds !== undefined ? { durationSeconds: ended.durationSeconds } : {}),
          }
        : await deps.repository.findCall(subscription.callId);
  }
}

/** true when the subscription fired, false when the deadline passed first. */
export async function wakeOrDeadline(subscription: CallEndSubscription, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([subscription.next().then(() => true as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
