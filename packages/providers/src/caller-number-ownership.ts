import type twilio from 'twilio';
import { classifyProviderError } from './provider-error';
import { createTwilioClient, type TwilioClientConfig } from './twilio-client';

/** How the account holds a number it may present as caller id, or that it does not. */
export type CallerNumberOwnership = 'incoming-number' | 'verified-caller-id' | 'not-owned';

/** Answers whether the carrier account may call from a number. Errors are ProviderErrors. */
export interface CallerNumberVerifier {
  ownershipOf(phoneNumber: string): Promise<CallerNumberOwnership>;
}

/**
 * Twilio accepts as `From` only the account's own numbers and the caller ids it verified, so an agent's
 * number is checked against exactly those two lists with the official SDK: IncomingPhoneNumbers filtered by
 * the number, then OutgoingCallerIds. A tenant cannot then present another tenant's (or anyone's) number.
 * https://www.twilio.com/docs/voice/api/call-resource#create-a-call-resource ("From")
 */
export class TwilioNumberOwnership implements CallerNumberVerifier {
  private readonly client: twilio.Twilio;

  constructor(config: TwilioClientConfig) {
    this.client = createTwilioClient(config);
  }

  async ownershipOf(phoneNumber: string): Promise<CallerNumberOwnership> {
    try {
      // The filter is Twilio's; the equality check keeps a looser match from ever counting as ownership.
      const incoming = await this.client.incomingPhoneNumbers.list({ phoneNumber, limit: 1 });
      if (incoming.some((number) => number.phoneNumber === phoneNumber)) return 'incoming-number';
      const callerIds = await this.client.outgoingCallerIds.list({ phoneNumber, limit: 1 });
      if (callerIds.some((callerId) => callerId.phoneNumber === phoneNumber)) return 'verified-caller-id';
      return 'not-owned';
    } catch (err) {
      throw classifyProviderError(err);
    }
  }
}
