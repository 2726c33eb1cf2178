import { loadEnv } from './env';

describe('realtime-gateway environment', () => {
  it('defaults to port 4002 and the development secret in development mode', () => {
    expect(loadEnv({ DIALWAVE_DEV: '1' })).toMatchObject({ GATEWAY_PORT: 4002, JWT_SECRET: 'dialwave-dev-jwt-secret' });
  });

  it('refuses a missing, development or short JWT secret without development mode, naming JWT_SECRET', () => {
    expect(() => loadEnv({})).toThrow(/JWT_SECRET: is required/);
    expect(() => loadEnv({ NODE_ENV: 'development', JWT_SECRET: 'dialwave-dev-jwt-secret' })).toThrow(
      /JWT_SECRET: is the public development value/,
    );
    expect(() => loadEnv({ JWT_SECRET: 'sixteen-chars-ok' })).toThrow(/JWT_SECRET: is 16 characters long/);
    expect(loadEnv({ JWT_SECRET: 's'.repeat(32) }).JWT_SECRET).toBe('s'.repeat(32));
  });
});
