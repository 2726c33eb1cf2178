import { createServer, type Server as HttpServer } from 'node:http';
import express from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { Server } from 'socket.io';
import { createMetricsRegistry, errorMiddleware, healthRouter, httpLatencyMiddleware, notFoundHandler } from '@dialwave/platform/http';
import { GatewayMetrics } from './realtime/gateway-metrics';
import { userRoom, type GatewayServer } from './realtime/gateway-server';
import { disconnectAtExpiry } from './realtime/session-expiry';
import { authenticateSocket } from './realtime/socket-auth';
import { UserEventForwarder } from './realtime/user-event-forwarder';

export interface GatewayConfig {
  jwtSecret: string;
}

export interface GatewayDeps {
  /** A connection of its own (createRedis 'worker'): it enters subscriber mode and serves nothing else. */
  subscriber: Redis;
  logger: Logger;
  config: GatewayConfig;
  metrics?: Registry;
}

export interface Gateway {
  /** Serves socket.io and /healthz /readyz /metrics; the caller listens. */
  httpServer: HttpServer;
  io: GatewayServer;
  /** Subscribes to every user's event channel; resolves once Redis confirmed it. */
  start(): Promise<void>;
  /** Disconnects every socket and closes the HTTP server, then stops forwarding. */
  close(): Promise<void>;
}

export function createGateway(deps: GatewayDeps): Gateway {
  const { subscriber, logger, config } = deps;
  const registry = deps.metrics ?? createMetricsRegistry('realtime-gateway');

  const app = express();
  app.disable('x-powered-by');
  // PING is one of the commands a subscribed connection may still send, so it checks the very connection
  // the events arrive on.
  app.use(healthRouter(registry, { redis: () => subscriber.ping() }, logger));
  app.use(httpLatencyMiddleware(registry));
  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));

  const httpServer = createServer(app);
  // The console reaches the gateway through its own origin (the Vite server proxies /socket.io), so no CORS.
  // WebSocket only, as every client connects: one TCP connection per session, so replicas behind any load
  // balancer need no sticky sessions (long-polling's requests would each have to reach the same replica:
  // https://socket.io/docs/v4/using-multiple-nodes/).
  const io: GatewayServer = new Server(httpServer, { transports: ['websocket'] });
  io.use(authenticateSocket(config.jwtSecret, logger));
  io.on('connection', (socket) => {
    disconnectAtExpiry(socket, logger);
    void socket.join(userRoom(socket.data.userId));
  });

  const metrics = new GatewayMetrics(registry, io);
  const forwarder = new UserEventForwarder(io, subscriber, metrics, logger);

  return {
    httpServer,
    io,
    start: () => forwarder.start(),
    async close() {
      await io.close();
      await forwarder.stop();
    },
  };
}
