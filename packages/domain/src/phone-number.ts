import { parsePhoneNumberFromString } from 'libphonenumber-js';

const E164_SHAPE = /^\+[1-9]\d{5,14}$/;

/**
 * The E.164 form of a number a carrier reports, or undefined when it is not a phone number (Twilio reports
 * withheld caller ids as words such as `anonymous`). Carriers send international format, so no region is
 * assumed. A number in E.164 shape that libphonenumber's metadata does not know (test ranges, brand-new
 * ranges) is kept as written rather than lost.
 */
export function toE164(input: string | undefined | null): string | undefined {
  const trimmed = input?.trim();
  if (!trimmed) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed);
  if (parsed?.isValid()) return parsed.number;
  const compact = trimmed.replace(/[\s().-]/g, '');
  return E164_SHAPE.test(compact) ? compact : undefined;
}
