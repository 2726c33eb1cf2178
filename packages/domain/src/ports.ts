import type { TCallEndedMessage, TDialJob, TUserEventMessage } from '@dialwave/contracts';

/**
 * The ports the rules need from the outside world; the adapters (BullMQ, Redis pub/sub) are in
 * `@dialwave/infra`, and each service's main.ts builds them.
 */

/** The hopper's queue: the rules add each campaign's next calls and take back the ones a pause removes. */
export interface DialQueue {
  addBulk(jobs: { name: string; data: TDialJob; opts: { jobId: string; delay?: number } }[]): Promise<unknown>;
  /** Removes a waiting job; resolves 1 when it was removed, 0 when it was not there (or is running). */
  remove(jobId: string): Promise<number>;
}

/** Live events for one user's consoles, and call-ended signals for the dialer jobs waiting on them. */
export interface EventPublisher {
  publish(userId: string, message: TUserEventMessage): Promise<void>;
  publishCallEnded(message: TCallEndedMessage): Promise<void>;
}
