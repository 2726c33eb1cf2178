import type { CallProviderRegistry } from './call-provider';
import { SANSPBX_NOT_SUPPORTED, StaticProviderRegistry, UnsupportedProvider } from './provider-registry';
import { TwilioProvider } from './twilio-provider';

export interface ProviderSettings {
  twilioAccountSid: string;
  twilioAuthToken: string;
  /** TWILIO_API_BASE_URL: when set, TWILIO agents dial through it too. */
  twilioApiBaseUrl?: string;
  /** Where SIMULATOR agents dial (the carrier simulator, which speaks Twilio's REST API). */
  simulatorUrl: string;
}

/** SIMULATOR agents use the Twilio provider pointed at the simulator, so the same code path is exercised. */
export function buildProviderRegistry(settings: ProviderSettings): CallProviderRegistry {
  const credentials = { accountSid: settings.twilioAccountSid, authToken: settings.twilioAuthToken };
  const simulator = new TwilioProvider({ ...credentials, apiBaseUrl: settings.simulatorUrl });
  const twilio = settings.twilioApiBaseUrl ? new TwilioProvider({ ...credentials, apiBaseUrl: settings.twilioApiBaseUrl }) : new TwilioProvider(credentials);
  return new StaticProviderRegistry({ TWILIO: twilio, SIMULATOR: simulator, SANSPBX: new UnsupportedProvider(SANSPBX_NOT_SUPPORTED) });
}
