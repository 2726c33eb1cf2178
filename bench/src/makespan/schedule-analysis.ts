import { sum, summarise } from '../report/stats';

export interface TimedCall {
  startMs: number;
  endMs: number;
}

export interface ScheduleAnalysis {
  calls: number;
  perCallMs: number[];
  sumPerCallMs: number;
  /** Σ per-call time ÷ cap: the makespan of a perfect sliding window that never leaves a slot idle. */
  idealMs: number;
  /** Σ over consecutive groups of `cap` calls (dial order) of the longest call in the group. */
  batchesMs: number;
  /** Most calls live at one instant (from start/end times); the cap says it must not exceed `cap`. */
  maxConcurrent: number;
  /**
   * For every call after the first `cap`: time from the slot it took being freed (the k-th call end in
   * time order) to the call's own start. What the hopper costs per call beyond the call itself.
   */
  slotRefillGapsMs: number[];
}

/** Scheduling figures of one campaign run; `calls` must be in dial order. */
export function analyseSchedule(calls: readonly TimedCall[], cap: number): ScheduleAnalysis {
  const perCallMs = calls.map((call) => call.endMs - call.startMs);
  const sumPerCallMs = sum(perCallMs);
  let batchesMs = 0;
  for (let i = 0; i < perCallMs.length; i += cap) batchesMs += Math.max(...perCallMs.slice(i, i + cap));

  const edges = calls.flatMap((call) => [
    { at: call.startMs, delta: 1 },
    { at: call.endMs, delta: -1 },
  ]);
  // Ends sort before starts at the same instant: a slot freed and refilled in one millisecond is not overlap.
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let live = 0;
  let maxConcurrent = 0;
  for (const edge of edges) {
    live += edge.delta;
    maxConcurrent = Math.max(maxConcurrent, live);
  }

  const endsInOrder = calls.map((call) => call.endMs).sort((a, b) => a - b);
  const slotRefillGapsMs = calls.slice(cap).map((call, i) => call.startMs - endsInOrder[i]!);

  return {
    calls: calls.length,
    perCallMs,
    sumPerCallMs,
    idealMs: sumPerCallMs / cap,
    batchesMs,
    maxConcurrent,
    slotRefillGapsMs,
  };
}

/**
 * Pairs the k-th dial-job finish (in time order) with the (k + cap)-th call start, as the slot-refill gap
 * does with call ends, and splits the gap at the finish. Undefined when the dialer's log gave no times.
 */
export function splitRefillGaps(calls: { startMs: number; endMs: number; loggedMs?: number; finishedMs?: number }[], cap: number) {
  type Finished = { startMs: number; endMs: number; loggedMs?: number; finishedMs: number };
  const withFinish = calls.filter((call): call is Finished => call.finishedMs !== undefined);
  if (withFinish.length < calls.length * 0.9) return undefined;
  const finishes = [...withFinish].sort((a, b) => a.finishedMs - b.finishedMs);
  const starts = calls.map((call) => call.startMs).sort((a, b) => a - b);
  const logged = withFinish.filter((call): call is Finished & { loggedMs: number } => call.loggedMs !== undefined);
  const finishedToNextCall = finishes.slice(0, Math.max(0, starts.length - cap)).map((call, i) => starts[i + cap]! - call.finishedMs);
  return {
    pairs: finishedToNextCall.length,
    endToFinished: summarise(finishes.map((call) => call.finishedMs - call.endMs)),
    endToLogged: logged.length ? summarise(logged.map((call) => call.loggedMs - call.endMs)) : undefined,
    loggedToFinished: logged.length ? summarise(logged.map((call) => call.finishedMs - call.loggedMs)) : undefined,
    finishedToNextCall: summarise(finishedToNextCall),
  };
}
