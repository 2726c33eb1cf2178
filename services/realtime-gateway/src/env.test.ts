import { loadEnv } from './env';

describe('realtime-gateway environment', () => {
  it('defaults to port 4002 and the development secret outside production', () => {
    expect(loadEnv({})).toMatchObject({ GATEWAY_PORT: 4002, JWT_SECRET: 'dialwave-dev-jwt-secret' });
  });

  it('refuses the development JWT secret in production, naming JWT_SECRET', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });
});
