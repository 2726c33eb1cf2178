import { closeHttpServer, createLogger, ShutdownManager } from '@dialwave/platform';
import { createRedis, waitForRedis } from '@dialwave/platform/redis';
import { createGateway } from './app';
import { loadEnv } from './env';

async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger('realtime-gateway', env.LOG_LEVEL);
  const shutdown = new ShutdownManager(logger);
  // The HTTP grace plus time to close connections.
  shutdown.listenForSignals(env.HTTP_SHUTDOWN_GRACE_MS + 10_000);

  // Closed in reverse order: sockets and the server go first, the subscriber they depend on last.
  const subscriber = createRedis(env.REDIS_URL, 'worker');
  shutdown.register('redis subscriber', () => subscriber.quit());
  await waitForRedis(subscriber);

  const gateway = createGateway({ subscriber, logger, config: { jwtSecret: env.JWT_SECRET } });
  await gateway.start();
  shutdown.register('socket.io', async () => {
    // Started first: socket.io's own close waits for every HTTP connection, including keep-alive ones.
    const drained = closeHttpServer(gateway.httpServer, env.HTTP_SHUTDOWN_GRACE_MS);
    await gateway.close();
    await drained;
  });
  await new Promise<void>((resolve, reject) => {
    gateway.httpServer.once('error', reject);
    gateway.httpServer.listen(env.GATEWAY_PORT, resolve);
  });
  logger.info({ port: env.GATEWAY_PORT }, 'realtime-gateway listening');
}

main().catch((err: unknown) => {
  // The logger may not exist yet (bad environment), so this last resort writes to stderr directly.
  console.error(err);
  process.exit(1);
});
