import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createLogger } from './logger';
import { ShutdownManager } from './shutdown';

export interface ServiceContext<E> {
  env: E;
  logger: Logger;
  /** The one shutdown owner: resources registered in start order close in reverse on SIGTERM/SIGINT. */
  shutdown: ShutdownManager;
}

export interface ServiceDefinition<E> {
  /** The `service` field of every log line. */
  name: string;
  /** The service's env.ts parser: a missing or wrong variable stops the process before anything starts. */
  loadEnv: () => E;
  /** How long a SIGTERM may take before the process exits anyway. */
  shutdownGraceMs: (env: E) => number;
  /** Builds the concrete dependencies, registers each with `shutdown`, and listens. */
  start: (context: ServiceContext<E>) => Promise<void>;
}

/**
 * The start-up every process's main.ts shares: parse the environment once, make the logger and the
 * shutdown owner (wired to SIGTERM/SIGINT before anything opens), then start. A failure to start ends the
 * process with exit code 1.
 */
export function runService<E extends { LOG_LEVEL: string }>(service: ServiceDefinition<E>): void {
  const run = async (): Promise<void> => {
    const env = service.loadEnv();
    const logger = createLogger(service.name, env.LOG_LEVEL);
    const shutdown = new ShutdownManager(logger);
    shutdown.listenForSignals(service.shutdownGraceMs(env));
    await service.start({ env, logger, shutdown });
  };
  run().catch((err: unknown) => {
    // The logger may not exist yet (bad environment), so this last resort writes to stderr directly.
    console.error(err);
    process.exit(1);
  });
}

/** Listens on `port` (0: any free one) and resolves with the port bound; rejects when it cannot bind. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
