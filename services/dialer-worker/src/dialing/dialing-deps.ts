import type { Logger } from 'pino';
import type { CampaignDeps, DestinationPolicy } from '@dialwave/domain';
import type { BullDialQueue, OutageRecovery } from '@dialwave/infra';
import type { CallProviderRegistry } from '@dialwave/providers';
import type { DialerMetrics } from '../metrics/dialer-metrics';
import type { CallEndWatcher } from './call-end-watcher';
import type { DialRepository } from './dial.repository';

export interface DialingConfig {
  /** Base URL of webhook-ingest as the carrier reaches it. */
  publicWebhookUrl: string;
  /** SANSPBX_CALLBACK_SECRET: rides in SansPBX callback URLs, which SansPBX does not sign. */
  sansPbxCallbackSecret: string;
  /** AGENT_REPORT_SECRET: signs the report URL handed to a SansPBX call's voice runtime. */
  agentReportSecret: string;
  /** How long the carrier lets a call ring (Twilio `Timeout`). */
  ringTimeoutSeconds: number;
  /** How long a job waits for its call's end before asking the carrier (ring timeout + max call length). */
  callDeadlineMs: number;
  /** Extra time the sweep allows past the deadline before it reconciles a call whose job is gone. */
  overdueGraceMs: number;
  /** Longest a dial request may take (the providers' request timeout). */
  dialRequestTimeoutMs: number;
  /** DIAL_ALLOWED_COUNTRIES and the premium-rate / shared-cost refusal, checked again before each dial. */
  destinationPolicy: DestinationPolicy;
}

export interface DialingDeps {
  /** The sweep also reads the queue itself (does a QUEUED lead still have its job?), so the BullMQ queue. */
  campaign: CampaignDeps & { dialQueue: BullDialQueue };
  /** Adds the delayed job that starts a scheduled campaign at its startAt (idempotent per campaign). */
  scheduleCampaignStart(campaignId: string, startAt: Date): Promise<void>;
  repository: DialRepository;
  providers: CallProviderRegistry;
  watcher: CallEndWatcher;
  metrics: DialerMetrics;
  /** Recovery marks: calls open across an outage are settled with the carrier by the sweep. */
  recovery: OutageRecovery;
  config: DialingConfig;
}

/** What the job layer tells the dialing logic about the run it is in. */
export interface DialRun {
  jobId: string;
  /** No retry follows a failure of this run: a transient error must fail the call now. */
  isFinalAttempt: boolean;
  logger: Logger;
}

/** The call ended FAILED (or could not be placed): the job should fail visibly, without a retry. */
export class CallFailedError extends Error {
  constructor(
    readonly callId: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'CallFailedError';
  }
}
