import type { TCall, TCallStatusEvent } from '@dialwave/contracts';
import { classifyOutcome, type CallOutcome } from './outcome';

export interface OutcomePoint {
  callId: string;
  at: string;
  outcome: CallOutcome;
}

export interface OutcomeBucket {
  /** End of the bucket, ms since epoch. */
  at: number;
  successful: number;
  voicemail: number;
  missed: number;
  failed: number;
}

export function outcomePointFromEvent(event: TCallStatusEvent): OutcomePoint | null {
  const outcome = classifyOutcome(event.status, event.durationSeconds, event.answeredBy);
  return outcome ? { callId: event.callId, at: event.at, outcome } : null;
}

export function outcomePointsFromCalls(calls: readonly TCall[]): OutcomePoint[] {
  const points: OutcomePoint[] = [];
  for (const call of calls) {
    const outcome = classifyOutcome(call.status, call.durationSeconds, call.answeredBy);
    if (outcome) points.push({ callId: call.id, at: call.endedAt ?? call.createdAt, outcome });
  }
  return points;
}

/** A call counts once, whether it arrived over REST, over the socket, or both. */
export function addOutcomePoint(points: readonly OutcomePoint[], point: OutcomePoint): OutcomePoint[] {
  return points.some((p) => p.callId === point.callId) ? [...points] : [...points, point];
}

/**
 * Cumulative outcomes over the campaign's time span, in `bucketCount` equal slices: the series the
 * "outcomes over time" chart draws, each bucket holding the totals reached by its end.
 */
export function buildOutcomeSeries(points: readonly OutcomePoint[], bucketCount = 24): OutcomeBucket[] {
  if (points.length === 0) return [];
  const times = points.map((p) => Date.parse(p.at));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const slices = end === start ? 1 : Math.max(1, bucketCount);
  const width = (end - start) / slices;
  const buckets: OutcomeBucket[] = Array.from({ length: slices }, (_, i) => ({
    at: i === slices - 1 ? end : start + width * (i + 1),
    successful: 0,
    voicemail: 0,
    missed: 0,
    failed: 0,
  }));
  points.forEach((point, i) => {
    const slot = width === 0 ? 0 : Math.min(slices - 1, Math.floor((times[i]! - start) / width));
    buckets[slot]![point.outcome] += 1;
  });
  for (let i = 1; i < buckets.length; i++) {
    const prev = buckets[i - 1]!;
    const cur = buckets[i]!;
    cur.successful += prev.successful;
    cur.voicemail += prev.voicemail;
    cur.missed += prev.missed;
    cur.failed += prev.failed;
  }
  return buckets;
}
