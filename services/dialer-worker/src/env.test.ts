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

  it('waits ring timeout + max call length, scaled for tests', () => {
    expect(callDeadlineMs(loadEnv({}))).toBe(3_630_000);
    expect(callDeadlineMs(loadEnv({ RING_TIMEOUT_S: '30', MAX_CALL_S: '70', CALL_DEADLINE_SCALE: '0.01' }))).toBe(1000);
  });
});
