import twilio from 'twilio';

export type CallbackParams = Record<string, string>;

/**
 * The `X-Twilio-Signature` of a callback: base64 HMAC-SHA1 over the full URL followed by the sorted POST
 * parameters. Computed by the SDK's own helper so it cannot drift from what `validateRequest` checks.
 */
export function signCallback(authToken: string, url: string, params: CallbackParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
