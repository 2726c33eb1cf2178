import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Db } from '@dialwave/db';
import { recoveryChannel } from '@dialwave/contracts';
import type { EventPublisher } from '@dialwave/domain';
import type { BullDialQueue, OutageRecovery } from '@dialwave/infra';
import { createMetricsRegistry, errorMiddleware, healthRouter, notFoundHandler } from '@dialwave/platform/http';
import { CallEndWatcher } from './dialing/call-end-watcher';
import { DialRepository } from './dialing/dial.repository';
import type { DialingConfig, DialingDeps } from './dialing/dialing-deps';
import { DialerWorkers, type WorkerConfig } from './jobs/dialer-workers';
import { createMaintenanceQueue, scheduleCampaignStart } from './jobs/maintenance-queue';
import { DialerMetrics } from './metrics/dialer-metrics';
import type { CallProviderRegistry } from '@dialwave/providers';
import type { DialingLimits } from '@dialwave/domain';
import { CallTraceStore } from '@dialwave/telemetry';
import { traceDials } from './dialing/traced-dials';

export type DialerConfig = DialingConfig & WorkerConfig;

export interface DialerDeps {
  prisma: Db;
  /** A 'worker' connection (waits out reconnects): shared by the workers, queues and event publisher. */
  connection: Redis;
  /** A connection of its own, put in subscriber mode for call-ended signals. */
  subscriber: Redis;
  /** The hopper's queue: the workers take its jobs and top campaigns up into it. */
  dialQueue: BullDialQueue;
  events: EventPublisher;
  recovery: OutageRecovery;
  providers: CallProviderRegistry;
  logger: Logger;
  config: DialerConfig;
  metrics?: Registry;
  /** Unset: DEFAULT_DIALING_LIMITS. */
  limits?: DialingLimits;
}

export interface Dialer {
  http: Express;
  workers: DialerWorkers;
  dialQueue: BullDialQueue;
  watcher: CallEndWatcher;
  metrics: Registry;
  dialing: DialingDeps;
}

/** Builds the dialer: workers (not yet running), the queues they feed, and the health/metrics app. */
export function createDialer(deps: DialerDeps): Dialer {
  const { prisma, connection, dialQueue, logger, config } = deps;
  const metrics = deps.metrics ?? createMetricsRegistry('dialer-worker');
  const maintenanceQueue = createMaintenanceQueue(connection, config.queuePrefix);
  const watcher = new CallEndWatcher(deps.subscriber, logger, recoveryChannel(config.queuePrefix));
  const dialing: DialingDeps = {
    campaign: { prisma, dialQueue, events: deps.events, logger, ...(deps.limits ? { limits: deps.limits } : {}) },
    scheduleCampaignStart: (campaignId, startAt) => scheduleCampaignStart(maintenanceQueue, campaignId, startAt),
    repository: new DialRepository(prisma),
    providers: traceDials(deps.providers, new CallTraceStore(connection, config.queuePrefix)),
    watcher,
    metrics: new DialerMetrics(metrics),
    recovery: deps.recovery,
    config,
  };
  const workers = new DialerWorkers(dialing, connection, config, logger, maintenanceQueue);

  const http = express();
  http.disable('x-powered-by');
  http.use(healthRouter(metrics, { postgres: () => prisma.$queryRaw`SELECT 1`, redis: () => connection.ping() }, logger));
  http.use(notFoundHandler);
  http.use(errorMiddleware(logger));
  return { http, workers, dialQueue, watcher, metrics, dialing };
}
