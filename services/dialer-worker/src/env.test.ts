import { callDeadlineMs, loadEnv } from './env';

describe('dialer environment', () => {
  it('has development defaults for every variable', () => {
    expect(loadEnv({})).toMatchObject({
      DIALER_PORT: 4003,
      DIALER_CONCURRENCY: 5,
      RING_TIMEOUT_S: 30,
      MAX_CALL_S: 3600,
      SWEEP_INTERVAL_MS: 5000,
      WORKER_LOCK_MS: 30_000,
      WORKER_STALLED_INTERVAL_MS: 30_000,
      SHUTDOWN_GRACE_MS: 25_000,
      QUEUE_PREFIX: 'dialwave',
    });
    expect(loadEnv({}).TWILIO_API_BASE_URL).toBeUndefined();
    expect(loadEnv({}).PROVIDER_CPS).toBeUndefined();
  });

  it('treats a variable set to the empty string as unset', () => {
    expect(loadEnv({ TWILIO_API_BASE_URL: '', PROVIDER_CPS: '' })).toMatchObject({ TWILIO_API_BASE_URL: undefined, PROVIDER_CPS: undefined });
    expect(loadEnv({ PROVIDER_CPS: '20' }).PROVIDER_CPS).toBe(20);
  });

  it('names each bad variable', () => {
    expect(() => loadEnv({ DIALER_CONCURRENCY: '0', TWILIO_API_BASE_URL: 'not a url' })).toThrow(/DIALER_CONCURRENCY[\s\S]*TWILIO_API_BASE_URL|TWILIO_API_BASE_URL[\s\S]*DIALER_CONCURRENCY/);
  });

  it('refuses the development Twilio credentials in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/TWILIO_AUTH_TOKEN/);
  });

  it('leaves SansPBX unconfigured by default, with development credentials matching the carrier simulator', () => {
    expect(loadEnv({}).SANSPBX_BASE_URL).toBeUndefined();
    expect(loadEnv({})).toMatchObject({
      SANSPBX_ACCESS_TOKEN: 'dialwave-dev-sanspbx-access-token',
      SANSPBX_ACCESS_KEY: 'dialwave-dev-sanspbx-access-key',
      SANSPBX_APP_ID: 1,
      SANSPBX_CALLBACK_SECRET: 'dialwave-dev-sanspbx-secret',
    });
    expect(loadEnv({ SANSPBX_APP_ID: '42' }).SANSPBX_APP_ID).toBe(42);
    expect(() => loadEnv({ SANSPBX_APP_ID: 'abc' })).toThrow(/SANSPBX_APP_ID/);
  });

  it('refuses the SansPBX development secrets in production when SansPBX is dialed', () => {
    const production = { NODE_ENV: 'production', TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef', TWILIO_AUTH_TOKEN: 'real-token' };
    expect(() => loadEnv(production)).not.toThrow();
    const sansPbx = { ...production, SANSPBX_BASE_URL: 'https://pbx.example.in/pbxadmin/sanpbxapi' };
    expect(() => loadEnv(sansPbx)).toThrow(/SANSPBX_CALLBACK_SECRET[\s\S]*SANSPBX_ACCESS_TOKEN[\s\S]*SANSPBX_ACCESS_KEY/);
    expect(() =>
      loadEnv({ ...sansPbx, SANSPBX_CALLBACK_SECRET: 'a-long-production-secret', SANSPBX_ACCESS_TOKEN: 'real-access', SANSPBX_ACCESS_KEY: 'real-key' }),
    ).not.toThrow();
  });

  it('waits ring timeout + max call length, scaled for tests', () => {
    expect(callDeadlineMs(loadEnv({}))).toBe(3_630_000);
    expect(callDeadlineMs(loadEnv({ RING_TIMEOUT_S: '30', MAX_CALL_S: '70', CALL_DEADLINE_SCALE: '0.01' }))).toBe(1000);
  });
});
