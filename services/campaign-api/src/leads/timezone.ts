/** Answers already given; bounded, since an import may carry any number of distinct made-up zones. */
const known = new Map<string, boolean>();
const MAX_REMEMBERED = 1000;

/**
 * True when Intl knows the zone (IANA names such as `America/New_York`, and `UTC`). Building a
 * DateTimeFormat costs tens of microseconds, which a 100,000-row import would pay per row without the memo.
 */
export function isKnownTimeZone(zone: string): boolean {
  const remembered = known.get(zone);
  if (remembered !== undefined) return remembered;
  let answer: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    answer = true;
  } catch {
    answer = false;
  }
  if (known.size < MAX_REMEMBERED) known.set(zone, answer);
  return answer;
}
