import { createServer } from 'node:http';
import { createPrismaClient } from '@dialwave/db';
import { EventPublisher } from '@dialwave/domain';
import { closeHttpServer, createLogger, createRedis, ShutdownManager, waitForRedis } from '@dialwave/platform';
import { createApp } from './app';
import { SentimentScorer } from './reports/computed-sentiment';
import { loadEnv } from './env';

async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger('webhook-ingest', env.LOG_LEVEL);
  const shutdown = new ShutdownManager(logger);
  // The HTTP grace plus time to close connections.
  shutdown.listenForSignals(env.HTTP_SHUTDOWN_GRACE_MS + 10_000);

  // Registered in start order and closed in reverse: the server stops first and finishes its in-flight
  // callbacks while Redis and Postgres are still there for them.
  const prisma = createPrismaClient(env.DATABASE_URL, { maxConnections: env.DATABASE_POOL_SIZE });
  shutdown.register('prisma', () => prisma.$disconnect());
  const redis = createRedis(env.REDIS_URL, 'producer');
  shutdown.register('redis', () => redis.quit());
  await waitForRedis(redis);

  // The language model loads now (about half a second) rather than on the first report that needs it.
  const scorer = new SentimentScorer();
  scorer.warmUp();

  const app = createApp({
    prisma,
    redis,
    events: new EventPublisher(redis),
    logger,
    config: {
      publicWebhookUrl: env.PUBLIC_WEBHOOK_URL,
      twilioAuthToken: env.TWILIO_AUTH_TOKEN,
      sansPbxCallbackSecret: env.SANSPBX_CALLBACK_SECRET,
      agentReportSecret: env.AGENT_REPORT_SECRET,
    },
    scorer,
  });
  const server = createServer(app);
  shutdown.register('http server', () => closeHttpServer(server, env.HTTP_SHUTDOWN_GRACE_MS));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.INGEST_PORT, resolve);
  });
  logger.info({ port: env.INGEST_PORT, publicWebhookUrl: env.PUBLIC_WEBHOOK_URL }, 'webhook-ingest listening');
}

main().catch((err: unknown) => {
  // The logger may not exist yet (bad environment), so this last resort writes to stderr directly.
  console.error(err);
  process.exit(1);
});
