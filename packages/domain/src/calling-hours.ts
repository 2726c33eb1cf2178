import type { TCallingWindow } from '@dialwave/contracts';
import { dialableIntervals, HORIZON_DAYS, nextDialTimeIn, type DialTime, type Interval } from './calling-windows';

const DAY_MS = 86_400_000;
/** Zone sets remembered per process; a campaign's leads share a handful, a deployment a few hundred. */
const MAX_ENTRIES = 2000;

interface Entry {
  fromMs: number;
  intervals: Interval[];
}

/**
 * nextDialTime with the dialable intervals of each (windows, zones) pair computed once and reused for a day:
 * the hopper asks for every candidate lead, and a North American toll-free number alone spans 42 zones.
 */
export class CallingHours {
  private readonly entries = new Map<string, Entry>();

  nextDialTime(now: Date, windows: readonly TCallingWindow[], zones: readonly string[]): DialTime {
    const nowMs = now.getTime();
    const key = `${JSON.stringify(windows)}|${zones.join('&')}`;
    let entry = this.entries.get(key);
    // Intervals cover HORIZON_DAYS from when they were computed; renewed daily, so the answer always looks a week ahead.
    if (!entry || nowMs < entry.fromMs || nowMs > entry.fromMs + DAY_MS) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      entry = { fromMs: nowMs, intervals: dialableIntervals(windows, zones, nowMs, nowMs + (HORIZON_DAYS + 1) * DAY_MS) };
      this.entries.set(key, entry);
    }
    return nextDialTimeIn(entry.intervals, nowMs);
  }
}
