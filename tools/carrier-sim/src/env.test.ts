import { loadEnv as loadSimEnv } from './env';
import { DEV_SANSPBX_ACCESS_KEY, DEV_SANSPBX_ACCESS_TOKEN } from './sim-config';

const loadEnv = (source: Record<string, string>) => loadSimEnv({ DIALWAVE_DEV: '1', ...source });

describe('carrier-sim environment', () => {
  it('defaults the inbound and SansPBX settings for development', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      SIM_INBOUND_MAX_WAIT_S: 60,
      SANSPBX_ACCESS_TOKEN: DEV_SANSPBX_ACCESS_TOKEN,
      SANSPBX_ACCESS_KEY: DEV_SANSPBX_ACCESS_KEY,
      SIM_SANSPBX_TOKEN_TTL_S: 3600,
    });
    expect(env.SIM_INBOUND_STATUS_CALLBACK_URL).toBeUndefined();
  });

  it('reads the inbound and SansPBX settings from the environment', () => {
    const env = loadEnv({
      SIM_INBOUND_STATUS_CALLBACK_URL: 'http://ingest.test/twilio/status',
      SIM_INBOUND_MAX_WAIT_S: '15',
      SANSPBX_ACCESS_TOKEN: 'tok',
      SANSPBX_ACCESS_KEY: 'key',
      SIM_SANSPBX_TOKEN_TTL_S: '2.5',
    });
    expect(env).toMatchObject({
      SIM_INBOUND_STATUS_CALLBACK_URL: 'http://ingest.test/twilio/status',
      SIM_INBOUND_MAX_WAIT_S: 15,
      SANSPBX_ACCESS_TOKEN: 'tok',
      SANSPBX_ACCESS_KEY: 'key',
      SIM_SANSPBX_TOKEN_TTL_S: 2.5,
    });
  });

  it('reads the same credentials under the same rules as the services: development values only in development mode', () => {
    const real = {
      TWILIO_ACCOUNT_SID: 'AC0123',
      TWILIO_AUTH_TOKEN: 't'.repeat(32),
      SANSPBX_ACCESS_TOKEN: 'tok',
      SANSPBX_ACCESS_KEY: 'key',
    };
    expect(loadSimEnv(real)).toMatchObject({ ...real, DIALWAVE_DEV: false });
    expect(() => loadSimEnv({ ...real, SANSPBX_ACCESS_KEY: DEV_SANSPBX_ACCESS_KEY })).toThrow(
      /SANSPBX_ACCESS_KEY: is the public development value/,
    );
    expect(() => loadSimEnv({ ...real, TWILIO_AUTH_TOKEN: 'dialwave-dev-auth-token' })).toThrow(
      /TWILIO_AUTH_TOKEN: is the public development value/,
    );
    expect(() => loadSimEnv({ ...real, TWILIO_AUTH_TOKEN: 'short' })).toThrow(/TWILIO_AUTH_TOKEN: is 5 characters long/);
    expect(() => loadSimEnv({})).toThrow(/TWILIO_ACCOUNT_SID: is required/);
  });

  it('owns the demo number and the +1 415 555 range unless SIM_OWNED_NUMBERS says otherwise, and names a bad entry', () => {
    const dev = { DIALWAVE_DEV: '1' };
    expect(loadSimEnv(dev)).toMatchObject({ SIM_OWNED_NUMBERS: ['+15005550006', '+1415555*'], SIM_VERIFIED_CALLER_IDS: [] });
    expect(loadSimEnv({ ...dev, SIM_OWNED_NUMBERS: '+16285550100, +1212*', SIM_VERIFIED_CALLER_IDS: '+919876543210' })).toMatchObject({
      SIM_OWNED_NUMBERS: ['+16285550100', '+1212*'],
      SIM_VERIFIED_CALLER_IDS: ['+919876543210'],
    });
    expect(() => loadSimEnv({ ...dev, SIM_OWNED_NUMBERS: '4155552671' })).toThrow(/SIM_OWNED_NUMBERS/);
  });
});
