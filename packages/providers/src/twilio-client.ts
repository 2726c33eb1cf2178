import twilio from 'twilio';
import { BaseUrlRequestClient } from './base-url-request-client';

export interface TwilioClientConfig {
  accountSid: string;
  authToken: string;
  /** Unset: real Twilio. Set: every REST request goes there instead (the carrier simulator). */
  apiBaseUrl?: string;
  /** Per-request timeout of the REST client, in ms. */
  requestTimeoutMs?: number;
}

/** The official SDK's client, pointed at Twilio or (apiBaseUrl) at the carrier simulator. */
export function createTwilioClient(config: TwilioClientConfig): twilio.Twilio {
  const clientOptions = { timeout: config.requestTimeoutMs ?? 15_000 };
  const httpClient = config.apiBaseUrl
    ? new BaseUrlRequestClient(config.apiBaseUrl, clientOptions)
    : new twilio.RequestClient(clientOptions);
  return twilio(config.accountSid, config.authToken, { httpClient });
}
