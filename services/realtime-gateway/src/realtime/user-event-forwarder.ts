import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  EVENT_NAMES,
  userEventsChannel,
  ZTraceContextSchema,
  type ServerToClientEvents,
  type TEventName,
  type TTraceContext,
  type TUserEventMessage,
} from '@dialwave/contracts';
import { contextFrom, inSpan, SpanKind } from '@dialwave/telemetry';
import type { GatewayMetrics } from './gateway-metrics';
import { userRoom, type GatewayServer } from './gateway-server';

const CHANNEL_PATTERN = userEventsChannel('*');
const CHANNEL_PREFIX = userEventsChannel('');
const KNOWN_EVENTS = new Set<string>(Object.values(EVENT_NAMES));

/**
 * Forwards every `events:user:<id>` message to the room `user:<id>` on this replica. Each replica holds its
 * own pattern subscription and emits only to its own sockets, so with N replicas every socket still gets
 * its user's events exactly once, without a socket.io adapter: Redis pub/sub already fans out to every
 * replica. (An adapter would only be needed to emit from one replica to sockets held by another.)
 */
export class UserEventForwarder {
  constructor(
    private readonly io: GatewayServer,
    /** A dedicated connection: once subscribed it can serve nothing else. */
    private readonly subscriber: Redis,
    private readonly metrics: GatewayMetrics,
    private readonly logger: Logger,
  ) {}

  /** Resolves once Redis has confirmed the subscription, so no event published after it is missed. */
  async start(): Promise<void> {
    this.subscriber.on('pmessage', this.onMessage);
    await this.subscriber.psubscribe(CHANNEL_PATTERN);
    this.logger.info({ pattern: CHANNEL_PATTERN }, 'forwarding user events');
  }

  async stop(): Promise<void> {
    this.subscriber.off('pmessage', this.onMessage);
    if (this.subscriber.status === 'ready') await this.subscriber.punsubscribe(CHANNEL_PATTERN);
  }

  private readonly onMessage = (_pattern: string, channel: string, raw: string): void => {
    const userId = channel.slice(CHANNEL_PREFIX.length);
    const message = parseUserEventEnvelope(raw);
    if (!message) {
      this.metrics.eventDropped('malformed');
      this.logger.warn({ channel }, 'dropped a malformed user event');
      return;
    }
    if (!KNOWN_EVENTS.has(message.type)) {
      this.metrics.eventDropped('unknown-type');
      this.logger.warn({ channel, type: message.type }, 'dropped a user event of unknown type');
      return;
    }
    const { type, payload } = message as TUserEventMessage;
    if (message.trace) {
      // The publisher's trace (the callback applied, the dial placed) ends in this emit.
      inSpan(
        `socket.io emit ${type}`,
        { kind: SpanKind.PRODUCER, parent: contextFrom(message.trace), attributes: { 'dialwave.user_id': userId } },
        () => emitToUser(this.io, userId, type, payload),
      );
    } else {
      emitToUser(this.io, userId, type, payload);
    }
    this.metrics.eventForwarded(message.type, publishedAt(message.payload));
  };
}

/**
 * Our publishers build these messages from the contracts' TUserEventMessage type, so the payload is not
 * validated again here: the gateway only checks the envelope it needs to route the message.
 */
export function parseUserEventEnvelope(raw: string): { type: string; payload: Record<string, unknown>; trace?: TTraceContext } | undefined {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { type, payload, trace } = parsed as { type?: unknown; payload?: unknown; trace?: unknown };
    if (typeof type !== 'string' || typeof payload !== 'object' || payload === null) return undefined;
    const carried = trace === undefined ? undefined : ZTraceContextSchema.safeParse(trace);
    return { type, payload: payload as Record<string, unknown>, ...(carried?.success && { trace: carried.data }) };
  } catch {
    return undefined;
  }
}

/** Generic in the event name so that socket.io's typed emit checks the payload against that event's. */
function emitToUser<K extends TEventName>(
  io: GatewayServer,
  userId: string,
  type: K,
  payload: Parameters<ServerToClientEvents[K]>[0],
): void {
  const args = [payload] as Parameters<ServerToClientEvents[K]>;
  io.to(userRoom(userId)).emit(type, ...args);
}

function publishedAt(payload: Record<string, unknown>): Date | undefined {
  if (typeof payload.at !== 'string') return undefined;
  const at = new Date(payload.at);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
