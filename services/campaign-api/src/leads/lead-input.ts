import { ZCreateLeadRequestSchema } from '@dialwave/contracts';
import { checkDestination, type DestinationPolicy } from '@dialwave/domain';
import type { ErrorDetail } from '@dialwave/platform';
import type { CountryCode } from 'libphonenumber-js';
import type { NewLead } from './lead.repository';
import { parseValidPhone } from './phone';
import { isKnownTimeZone } from './timezone';

export type LeadInputResult = { lead: NewLead; errors?: undefined } | { lead?: undefined; errors: ErrorDetail[] };

export interface LeadRules {
  /** Region for phone numbers written without a country code. */
  phoneRegion: CountryCode;
  /** Which destinations this deployment dials (DIAL_ALLOWED_COUNTRIES, no premium-rate or shared-cost numbers). */
  destinationPolicy: DestinationPolicy;
}

/**
 * The one rule set for a lead, whether it arrives as JSON or as a CSV row: the contract schema, then the
 * phone in E.164 and dialable under the destination policy, and the timezone as an IANA zone.
 */
export function validateLeadInput(input: unknown, rules: LeadRules): LeadInputResult {
  const parsed = ZCreateLeadRequestSchema.safeParse(input);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message })) };
  }
  const errors: ErrorDetail[] = [];
  const phone = parseValidPhone(parsed.data.phone, rules.phoneRegion);
  if (!phone) {
    errors.push({ field: 'phone', message: `not a valid phone number: ${parsed.data.phone}` });
  } else {
    const refusal = checkDestination(phone, rules.destinationPolicy);
    if (refusal) errors.push({ field: 'phone', message: refusal.message });
  }
  const { timezone } = parsed.data;
  if (timezone !== undefined && !isKnownTimeZone(timezone)) {
    errors.push({ field: 'timezone', message: `not an IANA time zone: ${timezone}` });
  }
  if (!phone || errors.length) return { errors };
  return { lead: { ...parsed.data, phone: phone.number } };
}
