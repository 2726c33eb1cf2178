import type { TCallStatus } from '@dialwave/contracts';

/** One observation of a call's status, from a provider callback, a dial result or reconciliation. */
export interface CallStatusUpdate {
  callId: string;
  status: TCallStatus;
  /** CallLog event name, e.g. `twilio:ringing`, `dial:failed`, `reconcile:completed`. */
  event: string;
  /** The provider's per-call sequence number; -1 when the provider has none. Deduplicates deliveries. */
  sequence?: number;
  providerCallSid?: string;
  durationSeconds?: number;
  answeredBy?: string;
  failureReason?: string;
  recordingUrl?: string;
  /**
   * When the provider says it happened. Twilio's Timestamp has whole-second precision, so it is kept in
   * the CallLog's details only; our own timestamps (answeredAt, endedAt, log time) are receipt times,
   * which keep the order in which we learned of each event.
   */
  occurredAt?: Date;
  details?: string;
  raw?: unknown;
}
