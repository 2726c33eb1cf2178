import { ZCreateLeadRequestSchema } from '@dialwave/contracts';
import type { ErrorDetail } from '@dialwave/platform';
import type { CountryCode } from 'libphonenumber-js';
import type { NewLead } from './lead.repository';
import { normalisePhone } from './phone';
import { isKnownTimeZone } from './timezone';

export type LeadInputResult = { lead: NewLead; errors?: undefined } | { lead?: undefined; errors: ErrorDetail[] };

/**
 * The one rule set for a lead, whether it arrives as JSON or as a CSV row: the contract schema, then the
 * phone in E.164 and the timezone as an IANA zone.
 */
export function validateLeadInput(input: unknown, phoneRegion: CountryCode): LeadInputResult {
  const parsed = ZCreateLeadRequestSchema.safeParse(input);
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'body', message: issue.message })) };
  }
  const errors: ErrorDetail[] = [];
  const phone = normalisePhone(parsed.data.phone, phoneRegion);
  if (!phone) errors.push({ field: 'phone', message: `not a valid phone number: ${parsed.data.phone}` });
  const { timezone } = parsed.data;
  if (timezone !== undefined && !isKnownTimeZone(timezone)) {
    errors.push({ field: 'timezone', message: `not an IANA time zone: ${timezone}` });
  }
  if (!phone || errors.length) return { errors };
  return { lead: { ...parsed.data, phone } };
}
