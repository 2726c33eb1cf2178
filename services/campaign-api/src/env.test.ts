import { loadEnv } from './env';

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
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-length' }).NODE_ENV).toBe('production');
  });
});
