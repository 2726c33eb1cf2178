import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { GatewayServer } from './gateway-server';

export class GatewayMetrics {
  private readonly forwarded: Counter<'type'>;
  private readonly dropped: Counter<'reason'>;
  private readonly latency: Histogram<'type'>;

  constructor(registry: Registry, io: GatewayServer) {
    new Gauge({
      name: 'realtime_connected_sockets',
      help: 'Sockets connected to this replica',
      registers: [registry],
      collect() {
        this.set(io.of('/').sockets.size);
      },
    });
    this.forwarded = new Counter({
      name: 'realtime_events_forwarded_total',
      help: 'Events taken from Redis and emitted to a user room',
      labelNames: ['type'] as const,
      registers: [registry],
    });
    this.dropped = new Counter({
      name: 'realtime_events_dropped_total',
      help: 'Messages on a user channel that were not forwarded',
      labelNames: ['reason'] as const,
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'realtime_event_forward_latency_seconds',
      help: "From the event's `at` (set by its publisher) to its emit here",
      labelNames: ['type'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  eventForwarded(type: string, publishedAt: Date | undefined): void {
    this.forwarded.inc({ type });
    if (!publishedAt) return;
    // Clocks of different hosts can disagree by a little; a negative latency says nothing, so it is left out.
    const seconds = (Date.now() - publishedAt.getTime()) / 1000;
    if (seconds >= 0) this.latency.observe({ type }, seconds);
  }

  eventDropped(reason: 'malformed' | 'unknown-type'): void {
    this.dropped.inc({ reason });
  }
}
