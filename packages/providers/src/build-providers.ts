import type { CallProvider, CallProviderRegistry } from './call-provider';
import { StaticProviderRegistry, UnsupportedProvider } from './provider-registry';
import { SansPbxProvider } from './sanspbx';
import { TwilioProvider } from './twilio-provider';

export interface SansPbxSettings {
  /** SANSPBX_BASE_URL; unset: SANSPBX agents cannot dial. */
  baseUrl?: string;
  accessToken: string;
  accessKey: string;
  appId: number;
}

export interface ProviderSettings {
  twilioAccountSid: string;
  twilioAuthToken: string;
  /** TWILIO_API_BASE_URL: when set, TWILIO agents dial through it too. */
  twilioApiBaseUrl?: string;
  /**
   * Where SIMULATOR agents dial (the carrier simulator, which speaks Twilio's REST API). Unset outside
   * development mode: SIMULATOR agents then cannot dial, so the deployment's Twilio credentials never go
   * to a simulator.
   */
  simulatorUrl?: string;
  /** Longest a dial request may take; a crashed dialer's successor waits this long before asking the carrier. */
  requestTimeoutMs?: number;
  sansPbx?: SansPbxSettings;
}

export const SIMULATOR_DISABLED = 'The simulator provider is available only in development mode (DIALWAVE_DEV=1)';

export const SANSPBX_NOT_CONFIGURED =
  'SansPBX is not configured on this dialer: set SANSPBX_BASE_URL, SANSPBX_ACCESS_TOKEN, SANSPBX_ACCESS_KEY and SANSPBX_APP_ID';

/** SIMULATOR agents use the Twilio provider pointed at the simulator, so the same code path is exercised. */
export function buildProviderRegistry(settings: ProviderSettings): CallProviderRegistry {
  const credentials = {
    accountSid: settings.twilioAccountSid,
    authToken: settings.twilioAuthToken,
    ...(settings.requestTimeoutMs ? { requestTimeoutMs: settings.requestTimeoutMs } : {}),
  };
  const simulator = settings.simulatorUrl
    ? new TwilioProvider({ ...credentials, apiBaseUrl: settings.simulatorUrl })
    : new UnsupportedProvider(SIMULATOR_DISABLED);
  const twilio = settings.twilioApiBaseUrl
    ? new TwilioProvider({ ...credentials, apiBaseUrl: settings.twilioApiBaseUrl })
    : new TwilioProvider(credentials);
  return new StaticProviderRegistry({ TWILIO: twilio, SIMULATOR: simulator, SANSPBX: buildSansPbx(settings.sansPbx) });
}

function buildSansPbx(settings: SansPbxSettings | undefined): CallProvider {
  if (!settings?.baseUrl) return new UnsupportedProvider(SANSPBX_NOT_CONFIGURED);
  return new SansPbxProvider({
    baseUrl: settings.baseUrl,
    accessToken: settings.accessToken,
    accessKey: settings.accessKey,
    appId: settings.appId,
  });
}
