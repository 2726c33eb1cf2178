import { DateTime } from 'luxon';
import { minutesOfDay, type TCallingWindow } from '@dialwave/contracts';

/*
 * Calling-window arithmetic: pure functions of an explicit `now`, so tests pin the clock. A lead may be
 * dialed while a window is open in every one of its zones, except in the last minute of that opening (a call
 * started then would ring into closed hours). Wall-clock times are turned into instants per zone with luxon,
 * so DST changes move the instants, never the local hours.
 */

/** No dial starts in the last minute of a window. */
export const LAST_MINUTE_MS = 60_000;
/** How far ahead an opening is looked for: every weekday is covered, with a day to spare for zone offsets. */
const HORIZON_DAYS = 8;

export interface Interval {
  start: number;
  end: number;
}

/** The instants a window set is open in one zone, between `fromMs` and `toMs`, merged and sorted. */
export function openIntervalsInZone(windows: readonly TCallingWindow[], zone: string, fromMs: number, toMs: number): Interval[] {
  const intervals: Interval[] = [];
  // Start a day early: an opening that began yesterday (local) may still be open at `fromMs`.
  let day = DateTime.fromMillis(fromMs, { zone }).startOf('day').minus({ days: 1 });
  while (day.toMillis() < toMs) {
    for (const window of windows) {
      if (!window.days.includes(day.weekday)) continue;
      const start = atLocalMinute(day, minutesOfDay(window.start));
      const end = atLocalMinute(day, minutesOfDay(window.end));
      if (end > start && end > fromMs && start < toMs) intervals.push({ start, end });
    }
    day = day.plus({ days: 1 });
  }
  return merge(intervals);
}

/**
 * When a window set lets a lead in these zones be dialed: intervals open in every zone, each ending a
 * minute early. Empty when the zones never share an open hour within the horizon.
 */
export function dialableIntervals(windows: readonly TCallingWindow[], zones: readonly string[], fromMs: number, toMs: number): Interval[] {
  if (zones.length === 0) throw new Error('dialableIntervals needs at least one zone');
  let shared = openIntervalsInZone(windows, zones[0]!, fromMs, toMs);
  for (const zone of zones.slice(1)) shared = intersect(shared, openIntervalsInZone(windows, zone, fromMs, toMs));
  return shared.map((i) => ({ start: i.start, end: i.end - LAST_MINUTE_MS })).filter((i) => i.end > i.start);
}

export type DialTime =
  /** A dial may start now. */
  | { open: true }
  /** Not now; `at` is the next instant a dial may start, or null when none within the horizon. */
  | { open: false; at: Date | null };

/** May a lead in `zones` be dialed at `now` under `windows`, and if not, when next? */
export function nextDialTime(now: Date, windows: readonly TCallingWindow[], zones: readonly string[]): DialTime {
  const nowMs = now.getTime();
  return nextDialTimeIn(dialableIntervals(windows, zones, nowMs, nowMs + HORIZON_DAYS * 86_400_000), nowMs);
}

/** The same answer from intervals computed earlier (see CallingHours, which caches them per zone set). */
export function nextDialTimeIn(intervals: readonly Interval[], nowMs: number): DialTime {
  for (const interval of intervals) {
    if (nowMs < interval.start) return { open: false, at: new Date(interval.start) };
    if (nowMs < interval.end) return { open: true };
  }
  return { open: false, at: null };
}

export { HORIZON_DAYS };

/**
 * The instant of a local wall-clock minute on `day`. A minute that does not exist (the hour skipped when
 * clocks go forward) is moved past the gap by luxon; an ambiguous one (clocks go back) takes the earlier offset.
 */
function atLocalMinute(day: DateTime, minute: number): number {
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 }).toMillis();
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    // Touching windows (09:00–12:00 and 12:00–20:00) are one opening: its last minute is 19:59, not 11:59.
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return out;
}
