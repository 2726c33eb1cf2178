import { telemetry } from './telemetry';
import { closeHttpServer, listen, runService, type ServiceContext } from '@dialwave/platform';
import { createRedis, waitForRedis } from '@dialwave/platform/redis';
import { createGateway } from './app';
import { loadEnv, type TGatewayEnv } from './env';

// The HTTP grace plus time to close connections.
runService({ name: 'realtime-gateway', loadEnv, shutdownGraceMs: (env) => env.HTTP_SHUTDOWN_GRACE_MS + 10_000, start });

async function start({ env, logger, shutdown }: ServiceContext<TGatewayEnv>): Promise<void> {
  // Registered first, so closed last: spans of the shutdown itself are exported too.
  if (telemetry) shutdown.register('telemetry', telemetry.shutdown);
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
  await listen(gateway.httpServer, env.GATEWAY_PORT);
  logger.info({ port: env.GATEWAY_PORT }, 'realtime-gateway listening');
}
