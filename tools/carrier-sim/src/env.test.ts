import { loadEnv } from './env';
import { DEV_SANSPBX_ACCESS_KEY, DEV_SANSPBX_ACCESS_TOKEN } from './sim-config';

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

  it('refuses the development SansPBX access key in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'real' })).toThrow(/SANSPBX_ACCESS_KEY/);
    expect(() => loadEnv({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'real', SANSPBX_ACCESS_KEY: 'real' })).not.toThrow();
  });
});
