import type twilio from 'twilio';
import { createTwilioClient } from '@dialwave/providers';

/** The Twilio SDK as our providers build it (their base-URL request client), pointed at a running simulator. */
export function simTwilioClient(baseUrl: string, accountSid: string, authToken: string): twilio.Twilio {
  return createTwilioClient({ accountSid, authToken, apiBaseUrl: baseUrl });
}
