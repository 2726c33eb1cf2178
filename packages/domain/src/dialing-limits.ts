/** Deployment-wide dialing limits (environment settings of campaign-api and dialer-worker). */
export interface DialingLimits {
  /** MAX_CALLS_PER_NUMBER_PER_DAY: calls to one number of one user over any rolling 24 h, across campaigns. */
  maxCallsPerNumberPerDay: number;
  /** TENANT_MAX_CONCURRENT_CALLS: one user's QUEUED + IN_PROGRESS leads across all of their campaigns. */
  tenantMaxConcurrentCalls: number;
}

export const DEFAULT_DIALING_LIMITS: DialingLimits = { maxCallsPerNumberPerDay: 3, tenantMaxConcurrentCalls: 50 };

/** The rolling window of the per-number daily cap. */
export const DAILY_CAP_WINDOW_MS = 24 * 3600 * 1000;
