import { loadEnv } from './env';

describe('webhook-ingest environment', () => {
  it('falls back to the development webhook URL and credentials outside production', () => {
    const env = loadEnv({});
    expect(env.PUBLIC_WEBHOOK_URL).toBe('http://127.0.0.1:4001');
    expect(env.INGEST_PORT).toBe(4001);
    expect(env.TWILIO_AUTH_TOKEN).toBe('dialwave-dev-auth-token');
  });

  it('drops a trailing slash from PUBLIC_WEBHOOK_URL so signed URLs do not get a double slash', () => {
    expect(loadEnv({ PUBLIC_WEBHOOK_URL: 'https://hooks.example.com/' }).PUBLIC_WEBHOOK_URL).toBe('https://hooks.example.com');
  });

  it('refuses production without a webhook URL or with the development credentials, naming each variable', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/PUBLIC_WEBHOOK_URL[\s\S]*TWILIO_AUTH_TOKEN[\s\S]*TWILIO_ACCOUNT_SID/);
  });
});

describe('webhook-ingest SANSPBX_CALLBACK_SECRET', () => {
  it('defaults to the development secret outside production', () => {
    expect(loadEnv({}).SANSPBX_CALLBACK_SECRET).toBe('dialwave-dev-sanspbx-secret');
  });

  it('refuses the development secret in production', () => {
    expect(() =>
      loadEnv({
        NODE_ENV: 'production',
        PUBLIC_WEBHOOK_URL: 'https://hooks.example.com',
        TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
        TWILIO_AUTH_TOKEN: 'a-real-token',
      }),
    ).toThrow(/SANSPBX_CALLBACK_SECRET/);
  });
});
