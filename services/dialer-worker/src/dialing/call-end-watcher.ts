import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { callEndedChannel, ZCallEndedMessageSchema, type TCallEndedMessage } from '@dialwave/contracts';

export class WatcherClosedError extends Error {
  constructor() {
    super('call end watcher closed (process shutting down)');
    this.name = 'WatcherClosedError';
  }
}

/**
 * The process is handing its jobs back to the queue (shutdown grace elapsed): a job that gets this stops
 * waiting, and its next run (on another replica) resumes the call without dialing it again.
 */
export class HandOverError extends Error {
  constructor() {
    super('job handed back to the queue (worker shutting down)');
    this.name = 'HandOverError';
  }
}

/**
 * One call's wake-up signal. It fires when the call's end is published, carrying the published end, and
 * also after the subscriber reconnects or an outage ends (a message may have been lost meanwhile), without
 * one: then the waiter re-reads the database.
 */
export class CallEndSubscription {
  private signaled = false;
  /** The call's end as published (the commit is done and a terminal status never changes), once received. */
  ended: TCallEndedMessage | undefined;
  private wake: (() => void) | undefined;
  private fail: ((err: Error) => void) | undefined;
  private closedWith: Error | undefined;

  constructor(
    readonly callId: string,
    private readonly onClose: (subscription: CallEndSubscription) => Promise<void>,
  ) {}

  /** Resolves at the next signal (at once if one arrived since the last call). */
  next(): Promise<void> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (this.signaled) {
      this.signaled = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.wake = resolve;
      this.fail = reject;
    });
  }

  signal(ended?: TCallEndedMessage): void {
    if (ended) this.ended = ended;
    if (this.wake) {
      const wake = this.wake;
      this.wake = this.fail = undefined;
      wake();
    } else {
      this.signaled = true;
    }
  }

  abort(err: Error): void {
    this.closedWith = err;
    this.fail?.(err);
    this.wake = this.fail = undefined;
  }

  close(): Promise<void> {
    return this.onClose(this);
  }
}

/**
 * Every dial job of this process waits for its call's end through this one subscriber connection:
 * a map from call id to the waiting jobs, so concurrency costs channels, not connections.
 */
export class CallEndWatcher {
  private readonly byChannel = new Map<string, Set<CallEndSubscription>>();
  private closed = false;
  private handingOver = false;

  /**
   * `wakeAllChannel`: a message there wakes every waiting job (recoveryChannel: Redis or Postgres came
   * back somewhere, so a call's end may have been applied while its wake-up could not be delivered).
   */
  constructor(
    private readonly subscriber: Redis,
    private readonly logger: Logger,
    private readonly wakeAllChannel?: string,
  ) {
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel === this.wakeAllChannel) {
        this.wakeAll();
        return;
      }
      const subscriptions = this.byChannel.get(channel);
      if (!subscriptions) return;
      const ended = readEndedMessage(raw);
      for (const subscription of subscriptions) subscription.signal(ended?.callId === subscription.callId ? ended : undefined);
    });
    // ioredis re-subscribes on reconnect; anything published while we were away is lost, so everyone re-checks.
    subscriber.on('ready', () => this.wakeAll());
  }

  /** Subscribes to the wake-all channel (ioredis keeps the subscription across reconnects). */
  async start(): Promise<void> {
    if (this.wakeAllChannel) await this.subscriber.subscribe(this.wakeAllChannel);
  }

  private wakeAll(): void {
    for (const subscriptions of this.byChannel.values()) for (const subscription of subscriptions) subscription.signal();
  }

  /** Subscribes before returning, so a caller that subscribes and then re-reads the database misses nothing. */
  async watch(callId: string): Promise<CallEndSubscription> {
    if (this.closed) throw new WatcherClosedError();
    if (this.handingOver) throw new HandOverError();
    const channel = callEndedChannel(callId);
    const subscription = new CallEndSubscription(callId, (s) => this.unwatch(channel, s));
    let subscriptions = this.byChannel.get(channel);
    if (!subscriptions) {
      subscriptions = new Set();
      this.byChannel.set(channel, subscriptions);
    }
    subscriptions.add(subscription);
    try {
      await this.subscriber.subscribe(channel);
    } catch (err) {
      await subscription.close();
      throw err;
    }
    return subscription;
  }

  get watchedCalls(): number {
    return this.byChannel.size;
  }

  /** Stops every wait in progress, and any wait about to start, with HandOverError. */
  handOver(): void {
    this.handingOver = true;
    for (const subscriptions of this.byChannel.values()) for (const subscription of subscriptions) subscription.abort(new HandOverError());
  }

  /** Fails every waiter (their jobs are handed back to the queue) and closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    for (const subscriptions of this.byChannel.values())
      for (const subscription of subscriptions) subscription.abort(new WatcherClosedError());
    this.byChannel.clear();
    await this.subscriber.quit().catch((err: unknown) => this.logger.warn({ err }, 'subscriber quit failed'));
  }

  private async unwatch(channel: string, subscription: CallEndSubscription): Promise<void> {
    const subscriptions = this.byChannel.get(channel);
    if (!subscriptions?.delete(subscription) || subscriptions.size > 0) return;
    this.byChannel.delete(channel);
    if (!this.closed) await this.subscriber.unsubscribe(channel);
  }
}

/** The published end, or undefined for a message that does not read as one (the waiter then asks the database). */
function readEndedMessage(raw: string): TCallEndedMessage | undefined {
  try {
    const parsed = ZCallEndedMessageSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
