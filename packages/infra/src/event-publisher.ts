import type { Redis } from 'ioredis';
import { callEndedChannel, userEventsChannel, type TCallEndedMessage, type TUserEventMessage } from '@dialwave/contracts';
import type { EventPublisher } from '@dialwave/domain';
import { traceContextOf } from '@dialwave/telemetry';

/** Publishes live events for one user's consoles, and call-ended signals for the dialer jobs waiting on them. */
export class RedisEventPublisher implements EventPublisher {
  constructor(private readonly redis: Redis) {}

  /** With tracing on, the message carries the active trace, in which the gateway then emits it. */
  async publish(userId: string, message: TUserEventMessage): Promise<void> {
    const trace = message.trace ?? traceContextOf();
    await this.redis.publish(userEventsChannel(userId), JSON.stringify(trace ? { ...message, trace } : message));
  }

  async publishCallEnded(message: TCallEndedMessage): Promise<void> {
    await this.redis.publish(callEndedChannel(message.callId), JSON.stringify(message));
  }
}
