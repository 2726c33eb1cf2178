import { startPrivatePostgres, startPrivateRedis, type PrivatePostgres, type PrivateRedis } from '@dialwave/testkit';
import type { SupervisedService } from '@dialwave/launcher';
import { startOutboundSuite, type OutboundSuite, type OutboundSuiteOptions } from './outbound-suite';

export interface FaultSuite extends OutboundSuite {
  /** This file's own redis-server (AOF on) and Postgres cluster: the faults are played on them. */
  redis: PrivateRedis;
  postgres: PrivatePostgres;
  /** A supervised service by instance name (`webhook-ingest`, `dialer-worker-1`, ...). */
  service(name: string): SupervisedService;
}

/**
 * A whole stack for fault tests, as `pnpm start` runs it (every service supervised, two dialers) but on a
 * Redis and a Postgres of its own, so that stopping them touches no other suite. Call deadlines are real
 * (an hour), not scaled with the simulator: a call left open by a fault must be settled by recovery, never
 * by its deadline running out during the test.
 */
export async function startFaultSuite(options: OutboundSuiteOptions = {}): Promise<FaultSuite> {
  const [redis, postgres] = await Promise.all([startPrivateRedis(), startPrivatePostgres()]);
  let suite: OutboundSuite;
  try {
    suite = await startOutboundSuite({
      dialers: 2,
      supervise: { initialDelayMs: 200, maxDelayMs: 2000 },
      ...options,
      redisUrl: redis.url,
      databaseServerUrl: postgres.url,
      serviceEnv: {
        ...options.serviceEnv,
        'dialer-worker': { CALL_DEADLINE_SCALE: '1', SWEEP_INTERVAL_MS: '500', ...options.serviceEnv?.['dialer-worker'] },
      },
    });
  } catch (err) {
    await Promise.all([redis.close(), postgres.close()]);
    throw err;
  }
  return {
    ...suite,
    redis,
    postgres,
    service(name) {
      const service = suite.stack.services.get(name);
      if (!service) throw new Error(`no service ${name} in this stack`);
      return service as SupervisedService;
    },
    async stop() {
      // A test that failed mid-outage leaves its servers down; the services stop faster with them up.
      if (!postgres.isRunning()) await postgres.start();
      if (!redis.isRunning()) await redis.start();
      await suite.stop();
      await Promise.all([redis.close(), postgres.close()]);
    },
  };
}
