import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Returns the E.164 form of a phone number, or undefined when it is not a valid number. Numbers written
 * with a `+` country code are read as such; national numbers are read in `defaultRegion`.
 */
export function normalisePhone(input: string, defaultRegion: CountryCode): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultRegion);
  return parsed?.isValid() ? parsed.number : undefined;
}
