import { DEV_CREDENTIALS } from '@dialwave/platform';

/** The development credentials every service shares (defined once in @dialwave/platform). */
export const DEV_TWILIO_ACCOUNT_SID = DEV_CREDENTIALS.TWILIO_ACCOUNT_SID;
export const DEV_TWILIO_AUTH_TOKEN = DEV_CREDENTIALS.TWILIO_AUTH_TOKEN;
export const DEV_SANSPBX_ACCESS_TOKEN = DEV_CREDENTIALS.SANSPBX_ACCESS_TOKEN;
export const DEV_SANSPBX_ACCESS_KEY = DEV_CREDENTIALS.SANSPBX_ACCESS_KEY;

/** Everything the simulator needs to know, resolved once from the environment or from test options. */
export interface SimConfig {
  accountSid: string;
  authToken: string;
  /** Multiplies every wait; reported durations stay nominal. */
  timeScale: number;
  duplicateRate: number;
  reorderRate: number;
  dropRate: number;
  /** Share of voice runtime reports that are never sent (0..1); default 0. */
  reportDropRate?: number;
  /** Base URL that receives inbound calls at `/twilio/incoming`; unset disables `POST /sim/inbound`. */
  inboundWebhookBaseUrl?: string;
  /** Where inbound calls' status callbacks go (the number's status callback); default `<inbound base>/twilio/status`. */
  inboundStatusCallbackUrl?: string;
  /** Nominal seconds an inbound caller waits in the queue before hanging up; default 60. */
  inboundMaxWaitSeconds?: number;
  /** SansPBX dialect credentials and token lifetime; development defaults when absent. */
  sansPbx?: Partial<SansPbxConfig>;
  /** Waits between callback delivery attempts (ms, not scaled); its length is the number of retries. */
  callbackRetryDelaysMs: number[];
  /** The account's own numbers (IncomingPhoneNumbers): E.164, or `+prefix*` ranges; DEFAULT_OWNED_NUMBERS when absent. */
  ownedNumbers?: string[];
  /** Numbers verified as caller ids (OutgoingCallerIds), written the same way; none when absent. */
  verifiedCallerIds?: string[];
}

/**
 * What the simulated account owns unless told otherwise: the demo agent's number (Twilio's test number
 * +1 500 555 0006) and the fictional +1 415 555 xxxx range the tests and docs use. Any other number is
 * refused as a Twilio agent's caller number, as a real account would refuse one it does not own.
 */
export const DEFAULT_OWNED_NUMBERS = ['+15005550006', '+1415555*'];

export const DEFAULT_CALLBACK_RETRY_DELAYS_MS = [100, 300, 900];

/** Random source in [0, 1); injected so chaos is reproducible in tests. */
export type RandomSource = () => number;

export interface SansPbxConfig {
  accessToken: string;
  accessKey: string;
  /** Real seconds (not scaled) an issued Apitoken stays valid. */
  tokenTtlSeconds: number;
}

export const DEFAULT_INBOUND_MAX_WAIT_SECONDS = 60;
export const DEFAULT_SANSPBX_TOKEN_TTL_SECONDS = 3600;

export function resolveSansPbxConfig(partial: Partial<SansPbxConfig> = {}): SansPbxConfig {
  return {
    accessToken: partial.accessToken ?? DEV_SANSPBX_ACCESS_TOKEN,
    accessKey: partial.accessKey ?? DEV_SANSPBX_ACCESS_KEY,
    tokenTtlSeconds: partial.tokenTtlSeconds ?? DEFAULT_SANSPBX_TOKEN_TTL_SECONDS,
  };
}
