/** A budget of `points` within a window of `durationSeconds`, written `<points>/<seconds>` in the environment. */
export interface RateLimitSpec {
  points: number;
  durationSeconds: number;
}

const SPEC = /^\s*(\d+)\s*\/\s*(\d+)\s*$/;

/** Parses `50/900` (50 per 15 minutes); undefined when the text is not two positive whole numbers. */
export function parseRateLimitSpec(text: string): RateLimitSpec | undefined {
  const match = SPEC.exec(text);
  if (!match) return undefined;
  const points = Number(match[1]);
  const durationSeconds = Number(match[2]);
  return points > 0 && durationSeconds > 0 ? { points, durationSeconds } : undefined;
}
