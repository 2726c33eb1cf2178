import type { Redis } from 'ioredis';
import { ZTraceContextSchema, type TTraceContext } from '@dialwave/contracts';

/** Longer than any call lives, so that its last callbacks (a recording arrives after the end) still find it. */
const KEPT_SECONDS = 24 * 3600;

/**
 * The trace each call was dialed in, by call id. A carrier's status callbacks carry no trace context
 * (Twilio sends no traceparent), only our call id, so the dialer writes the dial's trace context here
 * before the dial request goes out, and webhook-ingest applies each callback in a span of that trace.
 * Used only while tracing is on.
 */
export class CallTraceStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  async remember(callId: string, trace: TTraceContext): Promise<void> {
    await this.redis.set(this.key(callId), JSON.stringify(trace), 'EX', KEPT_SECONDS);
  }

  /** The traces of these calls (one round trip); a call dialed without tracing is absent. */
  async find(callIds: readonly string[]): Promise<Map<string, TTraceContext>> {
    const found = new Map<string, TTraceContext>();
    const unique = [...new Set(callIds)];
    if (unique.length === 0) return found;
    const values = await this.redis.mget(unique.map((callId) => this.key(callId)));
    values.forEach((value, i) => {
      if (!value) return;
      const parsed = ZTraceContextSchema.safeParse(safeJson(value));
      if (parsed.success) found.set(unique[i]!, parsed.data);
    });
    return found;
  }

  private key(callId: string): string {
    return `${this.keyPrefix}:call-trace:${callId}`;
  }
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
