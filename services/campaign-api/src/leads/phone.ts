import { classifyPhoneNumber, type ClassifiedPhoneNumber } from '@dialwave/domain';
import type { CountryCode } from 'libphonenumber-js';

/**
 * The number when it is a valid phone number, with its country and type for the destination policy.
 * Validity is judged with libphonenumber's full metadata (each country's real number ranges). Numbers
 * written with a `+` country code are read as such; national numbers are read in `defaultRegion`.
 */
export function parseValidPhone(input: string, defaultRegion: CountryCode): ClassifiedPhoneNumber | undefined {
  const classified = classifyPhoneNumber(input.trim(), defaultRegion);
  return classified?.type ? classified : undefined;
}

/** Returns the E.164 form of a phone number, or undefined when it is not a valid number. */
export function normalisePhone(input: string, defaultRegion: CountryCode): string | undefined {
  return parseValidPhone(input, defaultRegion)?.number;
}
