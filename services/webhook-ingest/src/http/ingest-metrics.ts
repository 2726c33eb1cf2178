import { Counter, type Registry } from 'prom-client';
import type { TCallStatus } from '@dialwave/contracts';

export type WebhookResult = 'applied' | 'replaced' | 'duplicate' | 'stale' | 'forged' | 'unknown' | 'invalid';

/** Counters of what providers sent us and what it did to our calls. */
export class IngestMetrics {
  private readonly webhooks: Counter<'provider' | 'call_status' | 'result'>;
  private readonly statusChanges: Counter<'status'>;

  constructor(registry: Registry) {
    this.webhooks = new Counter({
      name: 'webhooks_received_total',
      help: 'Provider webhooks received, by provider, provider call status and result',
      labelNames: ['provider', 'call_status', 'result'] as const,
      registers: [registry],
    });
    this.statusChanges = new Counter({
      name: 'call_status_transitions_total',
      help: 'Calls moved to a new status by a webhook',
      labelNames: ['status'] as const,
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

  callStatusChanged(status: TCallStatus): void {
    this.statusChanges.inc({ status });
  }
}
