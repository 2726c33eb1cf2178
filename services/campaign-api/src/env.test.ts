import { loadEnv, rateLimitSettings } from './env';

const DEV = { DIALWAVE_DEV: '1' };
/** A production environment that passes every rule; each test breaks one thing. */
const PRODUCTION = {
  JWT_SECRET: 'j'.repeat(48),
  PUBLIC_WEBHOOK_URL: 'https://hooks.example.com',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  TWILIO_AUTH_TOKEN: 't'.repeat(32),
};

describe('loadEnv', () => {
  it('applies the documented defaults in development mode', () => {
    const env = loadEnv(DEV);
    expect(env).toMatchObject({
      API_PORT: 4000,
      DEFAULT_PHONE_REGION: 'US',
      QUEUE_PREFIX: 'dialwave',
      JWT_SECRET: 'dialwave-dev-jwt-secret',
      DIALWAVE_DEV: true,
    });
    expect(env.ADMIN_USER).toBeUndefined();
  });

  it('reads the port and an upper-cased phone region', () => {
    expect(loadEnv({ ...DEV, API_PORT: '4100', DEFAULT_PHONE_REGION: 'in' })).toMatchObject({ API_PORT: 4100, DEFAULT_PHONE_REGION: 'IN' });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadEnv({ ...DEV, DEFAULT_PHONE_REGION: 'XX' })).toThrow(/DEFAULT_PHONE_REGION/);
    expect(() => loadEnv({ ...DEV, API_PORT: 'http' })).toThrow(/API_PORT/);
  });

  it('defaults the webhook URL and Twilio credentials in development mode, without a Twilio API base URL', () => {
    const env = loadEnv(DEV);
    expect(env).toMatchObject({
      PUBLIC_WEBHOOK_URL: 'http://127.0.0.1:4001',
      TWILIO_ACCOUNT_SID: 'ACdeadbeefdeadbeefdeadbeefdeadbeef',
      TWILIO_AUTH_TOKEN: 'dialwave-dev-auth-token',
    });
    expect(env.TWILIO_API_BASE_URL).toBeUndefined();
    expect(loadEnv({ ...DEV, TWILIO_API_BASE_URL: '' }).TWILIO_API_BASE_URL).toBeUndefined();
    expect(loadEnv({ ...DEV, PUBLIC_WEBHOOK_URL: 'https://hooks.example.com/' }).PUBLIC_WEBHOOK_URL).toBe('https://hooks.example.com');
  });

  it('starts without development mode once every secret is real, whatever NODE_ENV says', () => {
    expect(loadEnv(PRODUCTION)).toMatchObject({ DIALWAVE_DEV: false, JWT_SECRET: PRODUCTION.JWT_SECRET });
    expect(loadEnv({ ...PRODUCTION, NODE_ENV: 'development' }).DIALWAVE_DEV).toBe(false);
  });

  it('refuses to start without development mode when nothing is configured, naming each variable', () => {
    expect(() => loadEnv({})).toThrow(/JWT_SECRET[\s\S]*TWILIO_ACCOUNT_SID[\s\S]*TWILIO_AUTH_TOKEN[\s\S]*PUBLIC_WEBHOOK_URL/);
    expect(() => loadEnv({ NODE_ENV: 'development' })).toThrow(/JWT_SECRET: is required/);
  });

  it.each([
    ['JWT_SECRET', 'dialwave-dev-jwt-secret'],
    ['TWILIO_AUTH_TOKEN', 'dialwave-dev-auth-token'],
    ['TWILIO_ACCOUNT_SID', 'ACdeadbeefdeadbeefdeadbeefdeadbeef'],
  ])('refuses the development %s without development mode', (name, value) => {
    expect(() => loadEnv({ ...PRODUCTION, [name]: value })).toThrow(new RegExp(`${name}: is the public development value`));
    expect(() => loadEnv({ ...PRODUCTION, [name]: value, ...DEV })).not.toThrow();
  });

  it('refuses the development admin password and a short JWT secret, saying how to make one', () => {
    expect(() => loadEnv({ ...PRODUCTION, ADMIN_USER: 'ops', ADMIN_PASSWORD: 'dialwave-dev-admin' })).toThrow(
      /ADMIN_PASSWORD: is the public development value/,
    );
    expect(() => loadEnv({ ...PRODUCTION, ADMIN_USER: 'ops', ADMIN_PASSWORD: 'correct horse' })).toThrow(
      /ADMIN_PASSWORD: is 13 characters long/,
    );
    expect(() => loadEnv({ ...PRODUCTION, JWT_SECRET: 'a-production-secret-of-length' })).toThrow(
      /JWT_SECRET: is 29 characters long[^\n]*openssl rand/,
    );
    expect(loadEnv({ ...PRODUCTION, ADMIN_USER: 'ops', ADMIN_PASSWORD: 'p'.repeat(32) }).ADMIN_PASSWORD).toBe('p'.repeat(32));
  });

  it('reads DIAL_ALLOWED_COUNTRIES (unset: every country) and IMPORT_MAX_ROWS, naming a wrong value', () => {
    expect(loadEnv(DEV).DIAL_ALLOWED_COUNTRIES).toBeUndefined();
    expect(loadEnv(DEV).IMPORT_MAX_ROWS).toBe(100_000);
    expect(loadEnv({ ...DEV, DIAL_ALLOWED_COUNTRIES: 'us,CA', IMPORT_MAX_ROWS: '5000' })).toMatchObject({
      DIAL_ALLOWED_COUNTRIES: new Set(['US', 'CA']),
      IMPORT_MAX_ROWS: 5000,
    });
    expect(() => loadEnv({ DIAL_ALLOWED_COUNTRIES: 'US,USA' })).toThrow(/DIAL_ALLOWED_COUNTRIES[\s\S]*USA/);
    expect(() => loadEnv({ IMPORT_MAX_ROWS: '0' })).toThrow(/IMPORT_MAX_ROWS/);
  });

  it('opens signup by default only in development mode', () => {
    expect(loadEnv(DEV).SIGNUP_MODE).toBe('open');
    expect(loadEnv(PRODUCTION).SIGNUP_MODE).toBe('closed');
    expect(loadEnv({ ...PRODUCTION, SIGNUP_MODE: 'open' }).SIGNUP_MODE).toBe('open');
    expect(() => loadEnv({ ...PRODUCTION, SIGNUP_MODE: 'maybe' })).toThrow(/SIGNUP_MODE/);
  });

  it('keeps the admin board read-only unless ADMIN_BOARD_WRITE=1', () => {
    expect(loadEnv(PRODUCTION).ADMIN_BOARD_WRITE).toBe(false);
    expect(loadEnv({ ...PRODUCTION, ADMIN_BOARD_WRITE: '1' }).ADMIN_BOARD_WRITE).toBe(true);
  });

  it('reads rate limits as <points>/<seconds>, with defaults, naming a malformed one', () => {
    expect(rateLimitSettings(loadEnv(PRODUCTION)).loginPerIp).toEqual({ points: 50, durationSeconds: 900 });
    expect(rateLimitSettings(loadEnv({ ...PRODUCTION, RATE_LIMIT_SIGNUP_IP: '3/60' })).signupPerIp).toEqual({
      points: 3,
      durationSeconds: 60,
    });
    expect(() => loadEnv({ ...PRODUCTION, RATE_LIMIT_LOGIN_EMAIL: 'ten per minute' })).toThrow(
      /RATE_LIMIT_LOGIN_EMAIL: must be <points>\/<seconds>/,
    );
    expect(() => loadEnv({ ...PRODUCTION, RATE_LIMIT_IMPORT_USER: '0/60' })).toThrow(/RATE_LIMIT_IMPORT_USER/);
  });

  it('trusts X-Forwarded-For from loopback by default, takes addresses, subnets or hop counts, and refuses true', () => {
    expect(loadEnv(PRODUCTION).TRUST_PROXY).toBe('loopback');
    expect(loadEnv({ ...PRODUCTION, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toBe('10.0.0.0/8, 127.0.0.1');
    expect(loadEnv({ ...PRODUCTION, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadEnv({ ...PRODUCTION, TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(() => loadEnv({ ...PRODUCTION, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must name the proxy/);
    expect(() => loadEnv({ ...PRODUCTION, TRUST_PROXY: 'my-proxy' })).toThrow(/TRUST_PROXY: is not a valid trust proxy setting/);
  });
});
