import type { TCallStatus, TTraceContext } from '@dialwave/contracts';

/**
 * A dial the pre-dial gate held back, applied as the call's CANCELED end without it ever reaching the
 * carrier: `skip` ends the lead (SKIPPED, e.g. its number is on the do-not-call list); `defer` puts it back
 * to wait until `until` (its calling window is closing, or its number reached the daily cap).
 */
export type DialHold =
  /** `dnc`, or the destination policy's reason (`premium-rate`, `country-not-allowed` …). */
  { kind: 'skip'; reason: string } | { kind: 'defer'; reason: 'window' | 'daily_cap'; until: Date; zone: string | null };

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
  /**
   * When we received it, if that was before it is applied: a callback kept through a database outage is
   * applied later, but the call's answeredAt / endedAt and its log say when we learned of the event.
   */
  receivedAt?: Date;
  details?: string;
  raw?: unknown;
  /** The carrier refused the number itself (invalid): the lead is a BAD_NUMBER and never retried. */
  refusedByCarrier?: boolean;
  /** Set only by the pre-dial gate: the call was never placed. */
  hold?: DialHold;
  /** The trace to publish this update's events in (a callback's apply span, in the trace the call was dialed in). */
  trace?: TTraceContext;
}
