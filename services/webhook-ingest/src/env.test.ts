import { loadEnv } from './env';

const DEV = { DIALWAVE_DEV: '1' };
const PRODUCTION = {
  PUBLIC_WEBHOOK_URL: 'https://hooks.example.com',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  TWILIO_AUTH_TOKEN: 't'.repeat(32),
  SANSPBX_CALLBACK_SECRET: 's'.repeat(48),
  AGENT_REPORT_SECRET: 'r'.repeat(40),
};

describe('webhook-ingest environment', () => {
  it('falls back to the development webhook URL and credentials in development mode', () => {
    const env = loadEnv(DEV);
    expect(env.PUBLIC_WEBHOOK_URL).toBe('http://127.0.0.1:4001');
    expect(env.INGEST_PORT).toBe(4001);
    expect(env.TWILIO_AUTH_TOKEN).toBe('dialwave-dev-auth-token');
    expect(env.SANSPBX_CALLBACK_SECRET).toBe('dialwave-dev-sanspbx-secret');
    expect(env.AGENT_REPORT_SECRET).toBe('dialwave-dev-agent-report-secret');
  });

  it('drops a trailing slash from PUBLIC_WEBHOOK_URL so signed URLs do not get a double slash', () => {
    expect(loadEnv({ ...DEV, PUBLIC_WEBHOOK_URL: 'https://hooks.example.com/' }).PUBLIC_WEBHOOK_URL).toBe('https://hooks.example.com');
  });

  it('refuses to start without development mode when nothing is configured, naming each variable', () => {
    expect(() => loadEnv({ NODE_ENV: 'development' })).toThrow(
      /TWILIO_ACCOUNT_SID[\s\S]*TWILIO_AUTH_TOKEN[\s\S]*SANSPBX_CALLBACK_SECRET[\s\S]*AGENT_REPORT_SECRET[\s\S]*PUBLIC_WEBHOOK_URL/,
    );
    expect(loadEnv(PRODUCTION).SANSPBX_CALLBACK_SECRET).toBe(PRODUCTION.SANSPBX_CALLBACK_SECRET);
    expect(loadEnv(PRODUCTION).AGENT_REPORT_SECRET).toBe(PRODUCTION.AGENT_REPORT_SECRET);
    expect(() => loadEnv({ ...PRODUCTION, AGENT_REPORT_SECRET: 'short' })).toThrow(/AGENT_REPORT_SECRET: is 5 characters long/);
  });

  it.each([
    ['TWILIO_AUTH_TOKEN', 'dialwave-dev-auth-token'],
    ['TWILIO_ACCOUNT_SID', 'ACdeadbeefdeadbeefdeadbeefdeadbeef'],
    ['SANSPBX_CALLBACK_SECRET', 'dialwave-dev-sanspbx-secret'],
  ])('refuses the development %s without development mode', (name, value) => {
    expect(() => loadEnv({ ...PRODUCTION, [name]: value })).toThrow(new RegExp(`${name}: is the public development value`));
  });

  it('refuses a SansPBX callback secret shorter than 32 characters', () => {
    expect(() => loadEnv({ ...PRODUCTION, SANSPBX_CALLBACK_SECRET: 'a-long-production-secret' })).toThrow(
      /SANSPBX_CALLBACK_SECRET: is 24 characters long/,
    );
  });
});
