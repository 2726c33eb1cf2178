import { telemetry } from './telemetry';
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import { createPrismaClient } from '@dialwave/db';
import { RedisEventPublisher, markRecoveryWhenPossible, OutageRecovery, watchForRecoveries } from '@dialwave/infra';
import { closeHttpServer, listen, runService, type ServiceContext } from '@dialwave/platform';
import { createRedis, waitForRedis } from '@dialwave/platform/redis';
import { createWebhookIngest } from './app';
import { SentimentScorer } from './reports/computed-sentiment';
import { loadEnv, type TIngestEnv } from './env';

/** A dead instance's callback partitions go to the others this long after its last lease renewal. */
const CALLBACK_LEASE_MS = 5000;

// The HTTP grace plus time to close connections.
runService({ name: 'webhook-ingest', loadEnv, shutdownGraceMs: (env) => env.HTTP_SHUTDOWN_GRACE_MS + 10_000, start });

async function start({ env, logger, shutdown }: ServiceContext<TIngestEnv>): Promise<void> {
  // Registered first, so closed last: spans of the shutdown itself are exported too.
  if (telemetry) shutdown.register('telemetry', telemetry.shutdown);
  // Registered in start order and closed in reverse: the server stops first and stores its in-flight
  // callbacks, then the consumer finishes its batch and gives its partitions back, then the connections.
  const prisma = createPrismaClient(env.DATABASE_URL, { maxConnections: env.DATABASE_POOL_SIZE });
  shutdown.register('prisma', () => prisma.$disconnect());
  // Auto-pipelining: the commands issued in one tick (the callback appends of many requests, the publishes
  // of a batch) leave in one write instead of one each.
  const redis = createRedis(env.REDIS_URL, 'producer', { enableAutoPipelining: true });
  shutdown.register('redis', () => redis.quit());
  const consumerRedis = createRedis(env.REDIS_URL, 'worker');
  shutdown.register('consumer redis', () => consumerRedis.quit());
  await waitForRedis(redis);

  // The language model loads now (about half a second) rather than on the first report that needs it.
  const scorer = new SentimentScorer();
  scorer.warmUp();

  const ingest = createWebhookIngest({
    prisma,
    redis,
    consumerRedis,
    events: new RedisEventPublisher(redis),
    logger,
    config: {
      publicWebhookUrl: env.PUBLIC_WEBHOOK_URL,
      twilioAuthToken: env.TWILIO_AUTH_TOKEN,
      sansPbxCallbackSecret: env.SANSPBX_CALLBACK_SECRET,
      agentReportSecret: env.AGENT_REPORT_SECRET,
      keyPrefix: env.QUEUE_PREFIX,
      callbacks: {
        // Host and port name this instance across its restarts (a container keeps its hostname), so a
        // restarted instance takes its own partitions back at once instead of waiting for their leases.
        consumer: `${hostname()}:${env.INGEST_PORT}`,
        batchSize: env.CALLBACK_BATCH_SIZE,
        maxDeliveries: env.CALLBACK_MAX_DELIVERIES,
        leaseMs: CALLBACK_LEASE_MS,
      },
    },
    scorer,
  });
  await ingest.consumer.start();
  shutdown.register('callback consumer', () => ingest.consumer.stop());

  // Callbacks answered 503 while Redis was away, or sent while this process was down (it may have been
  // killed with requests in flight), are lost for carriers that do not retry: the dialers' sweep settles
  // the calls open across such a gap with the carrier, from the mark written here.
  const recovery = new OutageRecovery(redis, env.QUEUE_PREFIX);
  const recoveries = watchForRecoveries({ redis, prisma, recovery, logger, registry: ingest.metrics });
  shutdown.register('recovery watch', () => recoveries.stop());
  void markRecoveryWhenPossible(recovery, Date.now(), (err) =>
    logger.warn({ err }, 'could not write the start-up recovery mark yet; retrying'),
  );

  const server = createServer(ingest.app);
  shutdown.register('http server', () => closeHttpServer(server, env.HTTP_SHUTDOWN_GRACE_MS));
  await listen(server, env.INGEST_PORT);
  logger.info({ port: env.INGEST_PORT, publicWebhookUrl: env.PUBLIC_WEBHOOK_URL }, 'webhook-ingest listening');
}
