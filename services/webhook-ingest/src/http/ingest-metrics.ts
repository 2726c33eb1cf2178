import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { TCallStatus } from '@dialwave/contracts';

/** What the HTTP side did with a webhook: `accepted` = stored durably and answered 2xx. */
export type WebhookResult = 'accepted' | 'applied' | 'replaced' | 'duplicate' | 'stale' | 'forged' | 'unknown' | 'invalid' | 'unavailable';
/** What applying a stored callback did. `refused`: a SansPBX callback about a call of another carrier. */
export type CallbackOutcome = 'applied' | 'duplicate' | 'stale' | 'unknown' | 'refused';

/** Counters of what providers sent us and what it did to our calls. */
export class IngestMetrics {
  private readonly webhooks: Counter<'provider' | 'call_status' | 'result'>;
  private readonly applied: Counter<'provider' | 'call_status' | 'result'>;
  private readonly statusChanges: Counter<'status'>;
  private readonly applyDelay: Histogram;
  private readonly batchSize: Histogram;
  private readonly deadLetters: Counter;

  constructor(registry: Registry) {
    this.webhooks = new Counter({
      name: 'webhooks_received_total',
      help: 'Provider webhooks received, by provider, provider call status and result',
      labelNames: ['provider', 'call_status', 'result'] as const,
      registers: [registry],
    });
    this.applied = new Counter({
      name: 'callbacks_applied_total',
      help: 'Stored status callbacks applied to our calls, by provider, provider call status and result',
      labelNames: ['provider', 'call_status', 'result'] as const,
      registers: [registry],
    });
    this.statusChanges = new Counter({
      name: 'call_status_transitions_total',
      help: 'Calls moved to a new status by a webhook',
      labelNames: ['status'] as const,
      registers: [registry],
    });
    this.applyDelay = new Histogram({
      name: 'callback_apply_delay_seconds',
      help: 'From a callback being stored (its 2xx) to its change being committed',
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
    this.batchSize = new Histogram({
      name: 'callback_batch_size',
      help: 'Stored callbacks applied per transaction (group commit)',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers: [registry],
    });
    this.deadLetters = new Counter({
      name: 'callbacks_dead_lettered_total',
      help: 'Stored callbacks given up on and kept in the dead-letter stream',
      registers: [registry],
    });
  }

  /**
   * `callStatus` must be a word we know (or a fixed placeholder): a forged request must not be able to
   * create label values, or it could blow up the metric's cardinality.
   */
  webhookReceived(provider: string, callStatus: string, result: WebhookResult): void {
    this.webhooks.inc({ provider, call_status: callStatus, result });
  }

  /** `entry.id` is the stream id, whose first part is the millisecond the callback was stored. */
  callbackApplied(provider: string, callStatus: string, result: CallbackOutcome, entry: { id: string }): void {
    this.applied.inc({ provider, call_status: callStatus, result });
    const storedAt = Number(entry.id.split('-')[0]);
    if (Number.isFinite(storedAt)) this.applyDelay.observe(Math.max(0, Date.now() - storedAt) / 1000);
  }

  batchApplied(size: number): void {
    this.batchSize.observe(size);
  }

  deadLettered(): void {
    this.deadLetters.inc();
  }

  callStatusChanged(status: TCallStatus): void {
    this.statusChanges.inc({ status });
  }

  /** The callbacks stored and not yet applied (a Postgres outage makes it grow), read at each scrape. */
  trackBacklog(registry: Registry, backlog: () => Promise<number>): void {
    new Gauge({
      name: 'callback_backlog',
      help: 'Callbacks stored in the Redis streams and not yet applied',
      registers: [registry],
      async collect() {
        try {
          this.set(await backlog());
        } catch {
          // Redis away: the scrape says nothing rather than fail.
        }
      },
    });
  }
}
