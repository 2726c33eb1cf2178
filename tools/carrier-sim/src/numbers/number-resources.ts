import { createHash } from 'node:crypto';
import { API_VERSION } from '../twilio/call-resource';
import { toRfc2822 } from '../twilio/twilio-date';

/** The simulated account has always had its numbers: a fixed creation date keeps resources stable. */
const PROVISIONED_AT = new Date('2026-01-05T09:00:00Z');

/** `PN` + 32 hex, the same for the same number on every request (Twilio's sids are stable too). */
export function phoneNumberSid(kind: 'incoming' | 'caller-id', phoneNumber: string): string {
  return `PN${createHash('sha256').update(`${kind}:${phoneNumber}`).digest('hex').slice(0, 32)}`;
}

/** Twilio's default friendly name: the number in national format for NANP numbers, E.164 otherwise. */
function friendlyName(phoneNumber: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phoneNumber);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : phoneNumber;
}

/** An IncomingPhoneNumber as Twilio's REST API renders it (snake_case, RFC 2822 dates). */
export function toIncomingPhoneNumberResource(accountSid: string, phoneNumber: string, voiceUrl: string | null) {
  const sid = phoneNumberSid('incoming', phoneNumber);
  const base = `/${API_VERSION}/Accounts/${accountSid}/IncomingPhoneNumbers/${sid}`;
  return {
    account_sid: accountSid,
    address_requirements: 'none',
    address_sid: null,
    api_version: API_VERSION,
    beta: false,
    bundle_sid: null,
    capabilities: { fax: false, mms: true, sms: true, voice: true },
    date_created: toRfc2822(PROVISIONED_AT),
    date_updated: toRfc2822(PROVISIONED_AT),
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    emergency_status: 'Inactive',
    friendly_name: friendlyName(phoneNumber),
    identity_sid: null,
    origin: 'twilio',
    phone_number: phoneNumber,
    sid,
    sms_application_sid: '',
    sms_fallback_method: 'POST',
    sms_fallback_url: '',
    sms_method: 'POST',
    sms_url: '',
    status: 'in-use',
    status_callback: '',
    status_callback_method: 'POST',
    subresource_uris: { assigned_add_ons: `${base}/AssignedAddOns.json` },
    trunk_sid: null,
    type: 'local',
    uri: `${base}.json`,
    voice_application_sid: null,
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: null,
    voice_method: 'POST',
    voice_receive_mode: 'voice',
    voice_url: voiceUrl,
  };
}

/** An OutgoingCallerId (a verified number the account may present as caller id) as Twilio renders it. */
export function toOutgoingCallerIdResource(accountSid: string, phoneNumber: string) {
  const sid = phoneNumberSid('caller-id', phoneNumber);
  return {
    account_sid: accountSid,
    date_created: toRfc2822(PROVISIONED_AT),
    date_updated: toRfc2822(PROVISIONED_AT),
    friendly_name: friendlyName(phoneNumber),
    phone_number: phoneNumber,
    sid,
    uri: `/${API_VERSION}/Accounts/${accountSid}/OutgoingCallerIds/${sid}.json`,
  };
}
