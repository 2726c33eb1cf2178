import { telemetry } from './telemetry';
import { createServer } from 'node:http';
import { createDialQueue, RedisEventPublisher } from '@dialwave/infra';
import { createPrismaClient } from '@dialwave/db';
import { closeHttpServer, devSimulatorUrl, listen, runService, type ServiceContext } from '@dialwave/platform';
import { createRedis, waitForRedis } from '@dialwave/platform/redis';
import { buildProviderRegistry, TwilioNumberOwnership } from '@dialwave/providers';
import { createApp } from './app';
import { loadEnv, rateLimitSettings, type TApiEnv } from './env';

// The HTTP grace plus time to close connections.
runService({ name: 'campaign-api', loadEnv, shutdownGraceMs: (env) => env.HTTP_SHUTDOWN_GRACE_MS + 10_000, start });

async function start({ env, logger, shutdown }: ServiceContext<TApiEnv>): Promise<void> {
  // Registered first, so closed last: spans of the shutdown itself are exported too.
  if (telemetry) shutdown.register('telemetry', telemetry.shutdown);
  const prisma = createPrismaClient(env.DATABASE_URL, { maxConnections: env.DATABASE_POOL_SIZE });
  shutdown.register('prisma', () => prisma.$disconnect());
  const redis = createRedis(env.REDIS_URL, 'producer');
  shutdown.register('redis', () => redis.quit());
  await waitForRedis(redis);
  const dialQueue = createDialQueue(redis, env.QUEUE_PREFIX);
  shutdown.register('dial queue', () => dialQueue.close());

  const app = createApp({
    prisma,
    redis,
    dialQueue,
    events: new RedisEventPublisher(redis),
    logger,
    providers: buildProviderRegistry({
      twilioAccountSid: env.TWILIO_ACCOUNT_SID,
      twilioAuthToken: env.TWILIO_AUTH_TOKEN,
      twilioApiBaseUrl: env.TWILIO_API_BASE_URL,
      simulatorUrl: devSimulatorUrl(env),
    }),
    twilioNumbers: new TwilioNumberOwnership({
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      apiBaseUrl: env.TWILIO_API_BASE_URL,
    }),
    config: {
      jwtSecret: env.JWT_SECRET,
      publicWebhookUrl: env.PUBLIC_WEBHOOK_URL,
      phoneRegion: env.DEFAULT_PHONE_REGION,
      developmentMode: env.DIALWAVE_DEV,
      destinationPolicy: { allowedCountries: env.DIAL_ALLOWED_COUNTRIES },
      importMaxRows: env.IMPORT_MAX_ROWS,
      admin:
        env.ADMIN_USER && env.ADMIN_PASSWORD
          ? { user: env.ADMIN_USER, password: env.ADMIN_PASSWORD, write: env.ADMIN_BOARD_WRITE }
          : undefined,
      signupMode: env.SIGNUP_MODE,
      trustProxy: env.TRUST_PROXY,
      rateLimits: { prefix: env.QUEUE_PREFIX, limits: rateLimitSettings(env) },
      defaultCallingWindows: env.DEFAULT_CALLING_WINDOWS,
      limits: { maxCallsPerNumberPerDay: env.MAX_CALLS_PER_NUMBER_PER_DAY, tenantMaxConcurrentCalls: env.TENANT_MAX_CONCURRENT_CALLS },
    },
  });
  const server = createServer(app);
  shutdown.register('http server', () => closeHttpServer(server, env.HTTP_SHUTDOWN_GRACE_MS));
  await listen(server, env.API_PORT);
  logger.info(
    {
      port: env.API_PORT,
      adminBoard: env.ADMIN_USER && env.ADMIN_PASSWORD ? (env.ADMIN_BOARD_WRITE ? 'read-write' : 'read-only') : 'off',
      signupMode: env.SIGNUP_MODE,
      developmentMode: env.DIALWAVE_DEV,
    },
    'campaign-api listening',
  );
}
