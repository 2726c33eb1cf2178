import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The dialer's own Prometheus series, on the service's registry. */
export class DialerMetrics {
  readonly jobsActive: Gauge<'queue'>;
  readonly jobsCompleted: Counter<'queue'>;
  readonly jobsFailed: Counter<'queue'>;
  readonly callsDialed: Counter<'provider'>;
  readonly dialErrors: Counter<'class'>;
  readonly dialsSkipped: Counter<'reason'>;
  readonly timeToTerminal: Histogram<'status'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.jobsActive = new Gauge({ name: 'dialer_jobs_active', help: 'Jobs this process is running', labelNames: ['queue'], registers });
    this.jobsCompleted = new Counter({ name: 'dialer_jobs_completed_total', help: 'Jobs completed', labelNames: ['queue'], registers });
    this.jobsFailed = new Counter({
      name: 'dialer_jobs_failed_total',
      help: 'Job runs that failed (retried or final)',
      labelNames: ['queue'],
      registers,
    });
    this.callsDialed = new Counter({
      name: 'dialer_calls_dialed_total',
      help: 'Calls accepted by a carrier',
      labelNames: ['provider'],
      registers,
    });
    this.dialErrors = new Counter({
      name: 'dialer_dial_errors_total',
      help: 'Dial requests refused or lost, by class',
      labelNames: ['class'],
      registers,
    });
    this.dialsSkipped = new Counter({
      name: 'dialer_dials_skipped_total',
      help: 'Calls the pre-dial gate refused, never sent to a carrier',
      labelNames: ['reason'],
      registers,
    });
    this.timeToTerminal = new Histogram({
      name: 'dialer_call_time_to_terminal_seconds',
      help: 'From Call row creation to the terminal status, as seen by the dial job',
      labelNames: ['status'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    });
  }
}
