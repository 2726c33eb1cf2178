import { z } from 'zod';
// Full metadata: the number types (premium rate, shared cost) and the exact country of a +1 number (the
// Caribbean's +1 876… is JM, not US) are only in libphonenumber's "max" set.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

/** Which destinations this deployment dials at all; the same for every tenant (it protects the operator's bill). */
export interface DestinationPolicy {
  /** DIAL_ALLOWED_COUNTRIES as ISO 3166 alpha-2 codes; undefined: every country. */
  allowedCountries?: ReadonlySet<string>;
}

export type DestinationRefusalReason = 'premium-rate' | 'shared-cost' | 'country-not-allowed' | 'not-a-phone-number';

export interface DestinationRefusal {
  reason: DestinationRefusalReason;
  /** For a person: names the number and why it is not dialed. */
  message: string;
}

/** What the policy looks at, from one parse with full metadata. */
export interface ClassifiedPhoneNumber {
  /** E.164. */
  number: string;
  /** ISO 3166 alpha-2; undefined for numbers of no single country (+800, +882…). */
  country?: string;
  /** undefined when the number is in no range the metadata knows: with full metadata, exactly the invalid numbers. */
  type?: NumberType;
}

/**
 * Parses a number (national numbers in `defaultRegion`) and tells its country and type, or undefined when
 * it is not a phone number at all. `getType()` is what `isValid()` computes with full metadata, so callers
 * that need both ask once (it is most of the cost of a 100,000-row import's validation).
 */
export function classifyPhoneNumber(input: string, defaultRegion?: CountryCode): ClassifiedPhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(input, defaultRegion);
  if (!parsed) return undefined;
  return { number: parsed.number, country: parsed.country, type: parsed.getType() };
}

/**
 * The one destination rule, applied when a lead is created or imported and again just before its dial
 * (the policy or the lead can change in between). Premium-rate and shared-cost numbers cost the caller,
 * not the callee: dialing them is how toll fraud turns a stolen account into money. A number whose
 * country cannot be told (international freephone +800, satellite ranges) is refused whenever a country
 * list is set.
 */
export function checkDestination(phone: string | ClassifiedPhoneNumber, policy: DestinationPolicy): DestinationRefusal | undefined {
  const parsed = typeof phone === 'string' ? classifyPhoneNumber(phone) : phone;
  if (!parsed) return { reason: 'not-a-phone-number', message: `${String(phone)} is not a phone number` };
  const { type } = parsed;
  if (type === 'PREMIUM_RATE')
    return { reason: 'premium-rate', message: `${parsed.number} is a premium-rate number; those are never dialed` };
  if (type === 'SHARED_COST') return { reason: 'shared-cost', message: `${parsed.number} is a shared-cost number; those are never dialed` };
  if (policy.allowedCountries && !(parsed.country && policy.allowedCountries.has(parsed.country))) {
    const where = parsed.country ? `in ${parsed.country}` : 'not in any one country';
    return {
      reason: 'country-not-allowed',
      message: `${parsed.number} is ${where}; this deployment dials only ${[...policy.allowedCountries].join(', ')}`,
    };
  }
  return undefined;
}

/**
 * `DIAL_ALLOWED_COUNTRIES`: ISO 3166 alpha-2 codes, comma-separated (`US,CA`); unset or empty: every
 * country. An unknown code stops the service at boot, naming it.
 */
export const ZDialAllowedCountriesEnvSchema = z
  .string()
  .optional()
  .transform((value, ctx): ReadonlySet<string> | undefined => {
    const codes = (value ?? '')
      .split(',')
      .map((code) => code.trim().toUpperCase())
      .filter(Boolean);
    if (codes.length === 0) return undefined;
    const unknown = codes.filter((code) => !isSupportedCountry(code as CountryCode));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown ISO 3166 country code(s): ${unknown.join(', ')} (write e.g. US,CA,GB)` });
      return z.NEVER;
    }
    return new Set(codes);
  });
