import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { ProviderError } from '../provider-error';

/**
 * SansPBX's `call_to` for an E.164 Indian number: the 10-digit national number after a `0`
 * (+919876543210 → 09876543210). SansPBX dials Indian numbers only; anything else is refused here.
 */
export function toSansPbxCallTo(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  // Formatting only: whether the line exists is SansPBX's to say (it answers `Invalid number`).
  if (!parsed || parsed.countryCallingCode !== '91' || !/^\d{10}$/.test(parsed.nationalNumber)) {
    throw ProviderError.permanent(`SansPBX dials Indian numbers only; ${e164} is not a valid Indian number`);
  }
  return `0${parsed.nationalNumber}`;
}

/** `caller_id`: the agent's own setting when given, else the DID's national digits. */
export function toSansPbxCallerId(callerId: string | null | undefined, fromNumber: string): string {
  const configured = callerId?.replace(/\D/g, '');
  if (configured) return configured;
  const parsed = parsePhoneNumberFromString(fromNumber);
  return parsed ? String(parsed.nationalNumber) : fromNumber.replace(/\D/g, '');
}
