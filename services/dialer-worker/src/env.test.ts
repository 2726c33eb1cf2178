import { callDeadlineMs, loadEnv as loadDialerEnv } from './env';

const DEV = { DIALWAVE_DEV: '1' };
/** Most tests here are about development defaults; the posture tests pass their own environment. */
const loadEnv = (source: Record<string, string>) => loadDialerEnv({ ...DEV, ...source });
const PRODUCTION = {
  PUBLIC_WEBHOOK_URL: 'https://hooks.example.com',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  TWILIO_AUTH_TOKEN: 't'.repeat(32),
  SANSPBX_CALLBACK_SECRET: 's'.repeat(48),
  AGENT_REPORT_SECRET: 'r'.repeat(40),
};

describe('dialer environment', () => {
  it('has development defaults for every variable', () => {
    expect(loadEnv({})).toMatchObject({
      DIALER_PORT: 4003,
      DIALER_CONCURRENCY: 5,
      RING_TIMEOUT_S: 30,
      MAX_CALL_S: 3600,
      SWEEP_INTERVAL_MS: 5000,
      WORKER_LOCK_MS: 5000,
      WORKER_STALLED_INTERVAL_MS: 5000,
      SHUTDOWN_GRACE_MS: 25_000,
      QUEUE_PREFIX: 'dialwave',
    });
    expect(loadEnv({}).TWILIO_API_BASE_URL).toBeUndefined();
    expect(loadEnv({}).PROVIDER_CPS).toBeUndefined();
  });

  it('treats a variable set to the empty string as unset', () => {
    expect(loadEnv({ TWILIO_API_BASE_URL: '', PROVIDER_CPS: '' })).toMatchObject({
      TWILIO_API_BASE_URL: undefined,
      PROVIDER_CPS: undefined,
    });
    expect(loadEnv({ PROVIDER_CPS: '20' }).PROVIDER_CPS).toBe(20);
  });

  it('names each bad variable', () => {
    expect(() => loadEnv({ DIALER_CONCURRENCY: '0', TWILIO_API_BASE_URL: 'not a url' })).toThrow(
      /DIALER_CONCURRENCY[\s\S]*TWILIO_API_BASE_URL|TWILIO_API_BASE_URL[\s\S]*DIALER_CONCURRENCY/,
    );
  });

  it('refuses to start without development mode when nothing is configured, naming each variable', () => {
    expect(() => loadDialerEnv({ NODE_ENV: 'development' })).toThrow(
      /TWILIO_ACCOUNT_SID[\s\S]*TWILIO_AUTH_TOKEN[\s\S]*SANSPBX_CALLBACK_SECRET[\s\S]*AGENT_REPORT_SECRET[\s\S]*PUBLIC_WEBHOOK_URL/,
    );
    expect(loadDialerEnv(PRODUCTION)).toMatchObject({
      DIALWAVE_DEV: false,
      TWILIO_AUTH_TOKEN: PRODUCTION.TWILIO_AUTH_TOKEN,
      SANSPBX_ACCESS_KEY: '',
    });
  });

  it.each([
    ['TWILIO_AUTH_TOKEN', 'dialwave-dev-auth-token'],
    ['TWILIO_ACCOUNT_SID', 'ACdeadbeefdeadbeefdeadbeefdeadbeef'],
    ['SANSPBX_CALLBACK_SECRET', 'dialwave-dev-sanspbx-secret'],
    ['AGENT_REPORT_SECRET', 'dialwave-dev-agent-report-secret'],
  ])('refuses the development %s without development mode', (name, value) => {
    expect(() => loadDialerEnv({ ...PRODUCTION, [name]: value })).toThrow(new RegExp(`${name}: is the public development value`));
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

  it('refuses the SansPBX development account credentials without development mode when SansPBX is dialed', () => {
    const sansPbx = { ...PRODUCTION, SANSPBX_BASE_URL: 'https://pbx.example.in/pbxadmin/sanpbxapi' };
    expect(() => loadDialerEnv(sansPbx)).toThrow(/SANSPBX_ACCESS_TOKEN: is required[\s\S]*SANSPBX_ACCESS_KEY: is required/);
    expect(() =>
      loadDialerEnv({
        ...sansPbx,
        SANSPBX_ACCESS_TOKEN: 'dialwave-dev-sanspbx-access-token',
        SANSPBX_ACCESS_KEY: 'dialwave-dev-sanspbx-access-key',
      }),
    ).toThrow(/SANSPBX_ACCESS_TOKEN: is the public development value[\s\S]*SANSPBX_ACCESS_KEY: is the public development value/);
    expect(() => loadDialerEnv({ ...sansPbx, SANSPBX_ACCESS_TOKEN: 'real-access', SANSPBX_ACCESS_KEY: 'real-key' })).not.toThrow();
  });

  it('waits ring timeout + max call length, scaled for tests', () => {
    expect(callDeadlineMs(loadEnv({}))).toBe(3_630_000);
    expect(callDeadlineMs(loadEnv({ RING_TIMEOUT_S: '30', MAX_CALL_S: '70', CALL_DEADLINE_SCALE: '0.01' }))).toBe(1000);
  });

  it('reads DIAL_ALLOWED_COUNTRIES as a set of codes (unset: every country) and names a wrong one', () => {
    expect(loadEnv({}).DIAL_ALLOWED_COUNTRIES).toBeUndefined();
    expect(loadEnv({ DIAL_ALLOWED_COUNTRIES: 'in, us' }).DIAL_ALLOWED_COUNTRIES).toEqual(new Set(['IN', 'US']));
    expect(() => loadEnv({ DIAL_ALLOWED_COUNTRIES: 'US,Mars' })).toThrow(/DIAL_ALLOWED_COUNTRIES[\s\S]*MARS/);
  });
});
