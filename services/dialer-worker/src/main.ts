import { telemetry } from './telemetry';
import { createServer } from 'node:http';
import { createPrismaClient } from '@dialwave/db';
import { createDialQueue, RedisEventPublisher, OutageRecovery, watchForRecoveries } from '@dialwave/infra';
import { closeHttpServer, devSimulatorUrl, listen, runService, type ServiceContext } from '@dialwave/platform';
import { createRedis } from '@dialwave/platform/redis';
import { createDialer } from './app';
import { callDeadlineMs, loadEnv, type TDialerEnv } from './env';
import { buildProviderRegistry } from '@dialwave/providers';

// The handover grace plus time to close connections.
runService({ name: 'dialer-worker', loadEnv, shutdownGraceMs: (env) => env.SHUTDOWN_GRACE_MS + 10_000, start });

async function start({ env, logger, shutdown }: ServiceContext<TDialerEnv>): Promise<void> {
  // Registered first, so closed last: spans of the shutdown itself are exported too.
  if (telemetry) shutdown.register('telemetry', telemetry.shutdown);
  const prisma = createPrismaClient(env.DATABASE_URL, { maxConnections: env.DATABASE_POOL_SIZE });
  shutdown.register('prisma', () => prisma.$disconnect());
  const connection = createRedis(env.REDIS_URL, 'worker');
  shutdown.register('redis', () => connection.quit());
  const subscriber = createRedis(env.REDIS_URL, 'worker');
  const dialQueue = createDialQueue(connection, env.QUEUE_PREFIX);

  const dialer = createDialer({
    prisma,
    connection,
    subscriber,
    dialQueue,
    events: new RedisEventPublisher(connection),
    recovery: new OutageRecovery(connection, env.QUEUE_PREFIX),
    logger,
    limits: { maxCallsPerNumberPerDay: env.MAX_CALLS_PER_NUMBER_PER_DAY, tenantMaxConcurrentCalls: env.TENANT_MAX_CONCURRENT_CALLS },
    providers: buildProviderRegistry({
      twilioAccountSid: env.TWILIO_ACCOUNT_SID,
      twilioAuthToken: env.TWILIO_AUTH_TOKEN,
      twilioApiBaseUrl: env.TWILIO_API_BASE_URL,
      simulatorUrl: devSimulatorUrl(env),
      requestTimeoutMs: env.DIAL_REQUEST_TIMEOUT_MS,
      sansPbx: {
        baseUrl: env.SANSPBX_BASE_URL,
        accessToken: env.SANSPBX_ACCESS_TOKEN,
        accessKey: env.SANSPBX_ACCESS_KEY,
        appId: env.SANSPBX_APP_ID,
      },
    }),
    config: {
      publicWebhookUrl: env.PUBLIC_WEBHOOK_URL,
      sansPbxCallbackSecret: env.SANSPBX_CALLBACK_SECRET,
      agentReportSecret: env.AGENT_REPORT_SECRET,
      ringTimeoutSeconds: env.RING_TIMEOUT_S,
      callDeadlineMs: callDeadlineMs(env),
      overdueGraceMs: env.OVERDUE_GRACE_MS,
      dialRequestTimeoutMs: env.DIAL_REQUEST_TIMEOUT_MS,
      destinationPolicy: { allowedCountries: env.DIAL_ALLOWED_COUNTRIES },
      queuePrefix: env.QUEUE_PREFIX,
      concurrency: env.DIALER_CONCURRENCY,
      providerCps: env.PROVIDER_CPS,
      lockDurationMs: env.WORKER_LOCK_MS,
      stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
      sweepIntervalMs: env.SWEEP_INTERVAL_MS,
    },
  });
  // When Redis or Postgres comes back, calls open meanwhile are settled with the carrier by the sweep.
  const recoveries = watchForRecoveries({ redis: connection, prisma, recovery: dialer.dialing.recovery, logger, registry: dialer.metrics });
  shutdown.register('recovery watch', () => recoveries.stop());
  shutdown.register('queues', async () => {
    await dialer.workers.closeQueues();
    await dialQueue.close();
  });
  // Closed after the workers: it fails the waits of jobs being handed back, which then stop quietly.
  shutdown.register('call end watcher', () => dialer.watcher.close());
  shutdown.register('workers', () => dialer.workers.stop(env.SHUTDOWN_GRACE_MS));
  await dialer.workers.start();

  const server = createServer(dialer.http);
  // Health and metrics only: nothing in flight there is worth waiting for.
  shutdown.register('http server', () => closeHttpServer(server, 1000));
  const port = await listen(server, env.DIALER_PORT);
  logger.info(
    {
      port,
      concurrency: env.DIALER_CONCURRENCY,
      providerCps: env.PROVIDER_CPS ?? null,
      twilioApi: env.TWILIO_API_BASE_URL ?? 'twilio',
      sansPbxApi: env.SANSPBX_BASE_URL ?? null,
    },
    'dialer-worker running',
  );
}
