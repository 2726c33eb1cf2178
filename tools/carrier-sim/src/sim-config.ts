/** Development credentials shared by every service when TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN are unset. */
export const DEV_TWILIO_ACCOUNT_SID = 'ACdeadbeefdeadbeefdeadbeefdeadbeef';
export const DEV_TWILIO_AUTH_TOKEN = 'dialwave-dev-auth-token';

/** Everything the simulator needs to know, resolved once from the environment or from test options. */
export interface SimConfig {
  accountSid: string;
  authToken: string;
  /** Multiplies every wait; reported durations stay nominal. */
  timeScale: number;
  duplicateRate: number;
  reorderRate: number;
  dropRate: number;
  /** Base URL that receives inbound calls at `/twilio/incoming`; unset disables `POST /sim/inbound`. */
  inboundWebhookBaseUrl?: string;
  /** Waits between callback delivery attempts (ms, not scaled); its length is the number of retries. */
  callbackRetryDelaysMs: number[];
}

export const DEFAULT_CALLBACK_RETRY_DELAYS_MS = [100, 300, 900];

/** Random source in [0, 1); injected so chaos is reproducible in tests. */
export type RandomSource = () => number;
