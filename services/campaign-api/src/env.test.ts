import { loadEnv } from './env';

const PRODUCTION_CARRIER = {
  PUBLIC_WEBHOOK_URL: 'https://hooks.example.com',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  TWILIO_AUTH_TOKEN: 'a-real-auth-token',
};

describe('loadEnv', () => {
  it('applies the documented defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ API_PORT: 4000, DEFAULT_PHONE_REGION: 'US', QUEUE_PREFIX: 'dialwave', JWT_SECRET: 'dialwave-dev-jwt-secret' });
    expect(env.ADMIN_USER).toBeUndefined();
  });

  it('reads the port and an upper-cased phone region', () => {
    expect(loadEnv({ API_PORT: '4100', DEFAULT_PHONE_REGION: 'in' })).toMatchObject({ API_PORT: 4100, DEFAULT_PHONE_REGION: 'IN' });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadEnv({ DEFAULT_PHONE_REGION: 'XX' })).toThrow(/DEFAULT_PHONE_REGION/);
    expect(() => loadEnv({ API_PORT: 'http' })).toThrow(/API_PORT/);
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-length', ...PRODUCTION_CARRIER }).NODE_ENV).toBe('production');
  });

  it('defaults the webhook URL and Twilio credentials for development, without a Twilio API base URL', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PUBLIC_WEBHOOK_URL: 'http://127.0.0.1:4001',
      TWILIO_ACCOUNT_SID: 'ACdeadbeefdeadbeefdeadbeefdeadbeef',
      TWILIO_AUTH_TOKEN: 'dialwave-dev-auth-token',
    });
    expect(env.TWILIO_API_BASE_URL).toBeUndefined();
    expect(loadEnv({ TWILIO_API_BASE_URL: '' }).TWILIO_API_BASE_URL).toBeUndefined();
    expect(loadEnv({ PUBLIC_WEBHOOK_URL: 'https://hooks.example.com/' }).PUBLIC_WEBHOOK_URL).toBe('https://hooks.example.com');
  });

  it('refuses production without a webhook URL or with the development Twilio credentials', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-length' })).toThrow(
      /PUBLIC_WEBHOOK_URL[\s\S]*TWILIO_AUTH_TOKEN[\s\S]*TWILIO_ACCOUNT_SID/,
    );
  });
});
