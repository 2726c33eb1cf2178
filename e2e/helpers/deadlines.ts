/**
 * How long e2e waits may take before they count as failures. On an idle two-core machine every suite
 * finishes in a fraction of these; they are generous because CI runs several suites, each with its own
 * processes, on the same two cores, and a wait with a deadline costs nothing when it passes early.
 */
export const DEADLINES = {
  /** startStack: every service answering /readyz (a cold `node --import tsx` start under load). */
  stackReadyMs: 60_000,
  /** beforeAll: schema + every process. */
  suiteStartMs: 90_000,
  /** A campaign of up to ~40 leads at SIM_TIME_SCALE=0.01 reaching COMPLETED. */
  campaignMs: 90_000,
  /** One step inside a campaign: a few calls placed, a pause settling. */
  stepMs: 45_000,
  /** One test: a campaign or two plus their checks. */
  testMs: 180_000,
  stopMs: 60_000,
} as const;
