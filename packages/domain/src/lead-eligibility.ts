import type { TCallingWindow } from '@dialwave/contracts';
import { CallingHours } from './calling-hours';
import { timeZonesOfNumber } from './phone-time-zones';

/** The campaign settings eligibility depends on. */
export interface EligibilityRules {
  /** null: no calling-hours restriction. */
  windows: readonly TCallingWindow[] | null;
  /** Zone for leads with no zone of their own; UTC when unset. */
  timezone: string | null;
}

export interface EligibilityLead {
  phone: string;
  /** The lead's own zone, when given. */
  timezone: string | null;
}

export type Eligibility =
  | { eligible: true }
  /** Waits until `until` for `reason`; `zone` is the zone whose calling hours it waits for. */
  | { eligible: false; until: Date; reason: 'window' | 'daily_cap'; zone: string | null };

/** When no common opening exists within the horizon, look again a day later rather than never. */
const NO_OPENING_RECHECK_MS = 86_400_000;

const defaultCallingHours = new CallingHours();

/**
 * The zones a lead's calling hours are kept in: its own `timezone`; else every zone its number may ring in
 * (libphonenumber's data); else the campaign's zone; else UTC.
 */
export function leadTimeZones(lead: EligibilityLead, campaignTimezone: string | null): string[] {
  if (lead.timezone) return [lead.timezone];
  const fromNumber = timeZonesOfNumber(lead.phone);
  if (fromNumber.length > 0) return fromNumber;
  return [campaignTimezone ?? 'UTC'];
}

/**
 * The one rule for "may this lead be dialed at `now`?": its number must be under the daily cap
 * (`capFreesAt` is when the rolling 24 h window next has room, null when it has room now) and a calling
 * window must be open, outside its last minute, in every zone of the lead. Otherwise it says until when the
 * lead waits, and why.
 */
export function decideEligibility(
  now: Date,
  rules: EligibilityRules,
  lead: EligibilityLead,
  capFreesAt: Date | null,
  hours: CallingHours = defaultCallingHours,
): Eligibility {
  const capped = capFreesAt !== null && capFreesAt.getTime() > now.getTime();
  const from = capped ? capFreesAt : now;
  if (!rules.windows) {
    return capped ? { eligible: false, until: from, reason: 'daily_cap', zone: null } : { eligible: true };
  }
  const zones = leadTimeZones(lead, rules.timezone);
  const dial = hours.nextDialTime(from, rules.windows, zones);
  if (dial.open) return capped ? { eligible: false, until: from, reason: 'daily_cap', zone: null } : { eligible: true };
  const until = dial.at ?? new Date(from.getTime() + NO_OPENING_RECHECK_MS);
  return { eligible: false, until, reason: capped ? 'daily_cap' : 'window', zone: zones[0] ?? null };
}
