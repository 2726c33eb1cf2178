import type { Redis } from 'ioredis';
import { callEndedChannel, userEventsChannel, type TCallEndedMessage, type TUserEventMessage } from '@dialwave/contracts';
import type { EventPublisher } from '@dialwave/domain';
import { traceContextOf, withTraceContext } from '@dialwave/telemetry';

/** Publishes live events for one user's consoles, and call-ended signals for the dialer jobs waiting on them. */
export class RedisEventPublisher implements EventPublisher {
  constructor(private readonly redis: Redis) {}

  /**
   * With tracing on, the message carries the active trace (or the one it was given: a callback's apply
   * span), in which the gateway then emits it; the PUBLISH itself is traced in it too.
   */
  async publish(userId: string, message: TUserEventMessage): Promise<void> {
    const trace = message.trace ?? traceContextOf();
    const raw = JSON.stringify(trace ? { ...message, trace } : message);
    await withTraceContext(message.trace, () => this.redis.publish(userEventsChannel(userId), raw));
  }

  async publishCallEnded(message: TCallEndedMessage): Promise<void> {
    await this.redis.publish(callEndedChannel(message.callId), JSON.stringify(message));
  }
}
