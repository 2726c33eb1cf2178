import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Db } from '@dialwave/db';
import type { EventPublisher } from '@dialwave/domain';
import { createMetricsRegistry, errorMiddleware, healthRouter, httpLatencyMiddleware, notFoundHandler } from '@dialwave/platform/http';
import { CallTraceStore, tracingEnabled } from '@dialwave/telemetry';
import { applyCallbackEntries } from './callbacks/callback-applier';
import { CallbackConsumer } from './callbacks/callback-consumer';
import { inBatchSpan } from './callbacks/callback-traces';
import { CallbackStreams } from './callbacks/callback-streams';
import { PartitionLeases } from './callbacks/partition-leases';
import { CallRepository } from './calls/call.repository';
import { agentReportRoutes } from './http/agent-report.routes';
import { IngestMetrics } from './http/ingest-metrics';
import { databaseUnavailable } from './http/database-unavailable';
import { verifyTwilioSignature } from './http/twilio-signature';
import { sansPbxStatusRoutes } from './http/sanspbx-status.routes';
import { twilioIncomingRoutes } from './http/twilio-incoming.routes';
import { twilioRecordingRoutes } from './http/twilio-recording.routes';
import { twilioStatusRoutes } from './http/twilio-status.routes';
import { twilioVoiceRoutes } from './http/twilio-voice.routes';
import { CallReportRepository } from './reports/call-report.repository';
import { SentimentScorer } from './reports/computed-sentiment';

export interface AppConfig {
  /** PUBLIC_WEBHOOK_URL without a trailing slash: the base of every URL the provider signs. */
  publicWebhookUrl: string;
  twilioAuthToken: string;
  /** SANSPBX_CALLBACK_SECRET: keys the per-call `token` SansPBX callbacks must carry. */
  sansPbxCallbackSecret: string;
  /** AGENT_REPORT_SECRET: keys the per-call tokens of voice runtimes' report URLs. */
  agentReportSecret: string;
  /** QUEUE_PREFIX: names the callback streams, so deployments (and test suites) sharing a Redis stay apart. */
  keyPrefix: string;
  callbacks: {
    /** This instance's consumer name: the same across its restarts, so it finds its own pending entries. */
    consumer: string;
    batchSize: number;
    maxDeliveries: number;
    /** A dead consumer's partitions are taken over this long after its last renewal. */
    leaseMs: number;
  };
}

export interface AppDeps {
  prisma: Db;
  /** A producer connection (fails fast while Redis is away): callback appends, leases, events, readiness. */
  redis: Redis;
  /** A 'worker' connection of its own: the callback consumer's reads block on it. */
  consumerRedis: Redis;
  events: EventPublisher;
  logger: Logger;
  config: AppConfig;
  metrics?: Registry;
  /** Scores reports that come without a sentiment; one per process, since it holds a language model. */
  scorer?: SentimentScorer;
}

/** Twilio's callbacks are a few hundred bytes; anything near this limit is not Twilio. */
const FORM_BODY_LIMIT = '64kb';

export interface WebhookIngest {
  /** The HTTP side: verifies callbacks and stores them; answers TwiML. No listen(). */
  app: Express;
  /** Applies stored callbacks to Postgres; start() it (main.ts, tests), stop() it on shutdown. */
  consumer: CallbackConsumer;
  /** The callback streams (backlog, dead letters), on the producer connection. */
  streams: CallbackStreams;
  /** The Prometheus registry /metrics serves. */
  metrics: Registry;
}

export function createWebhookIngest(deps: AppDeps): WebhookIngest {
  const { prisma, redis, events, logger, config } = deps;
  const registry = deps.metrics ?? createMetricsRegistry('webhook-ingest');
  const metrics = new IngestMetrics(registry);
  const calls = new CallRepository(prisma);
  const streams = new CallbackStreams(redis, config.keyPrefix);
  const callTraces = tracingEnabled() ? new CallTraceStore(redis, config.keyPrefix) : undefined;
  metrics.trackBacklog(registry, () => streams.backlog());
  const consumer = new CallbackConsumer({
    streams: new CallbackStreams(deps.consumerRedis, config.keyPrefix),
    leases: new PartitionLeases(
      redis,
      config.keyPrefix,
      { consumer: config.callbacks.consumer, leaseMs: config.callbacks.leaseMs },
      logger,
    ),
    apply: callTraces
      ? (entries) =>
          inBatchSpan(entries.length, () => applyCallbackEntries({ prisma, events, logger, calls, metrics, callTraces }, entries))
      : (entries) => applyCallbackEntries({ prisma, events, logger, calls, metrics }, entries),
    metrics,
    logger,
    config: { consumer: config.callbacks.consumer, batchSize: config.callbacks.batchSize, maxDeliveries: config.callbacks.maxDeliveries },
  });
  const app = express();
  app.disable('x-powered-by');

  // Ready = able to take callbacks, which needs Redis only: with Postgres away callbacks are stored and
  // applied later, and a load balancer must keep sending them here (TwiML routes answer 503 meanwhile).
  app.use(healthRouter(registry, { redis: () => redis.ping() }, logger));
  app.use(httpLatencyMiddleware(registry));

  // Before the Twilio routes, whose form parser and signature check apply to every request they see.
  app.use(sansPbxStatusRoutes({ streams, logger, metrics, callbackSecret: config.sansPbxCallbackSecret }));
  app.use(
    agentReportRoutes({
      events,
      logger,
      metrics,
      reports: new CallReportRepository(prisma),
      scorer: deps.scorer ?? new SentimentScorer(),
      reportSecret: config.agentReportSecret,
    }),
  );

  const twilioRoutes = express.Router();
  twilioRoutes.use(express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT }));
  twilioRoutes.use(
    verifyTwilioSignature({
      authToken: config.twilioAuthToken,
      publicWebhookUrl: config.publicWebhookUrl,
      onForged: (req) => {
        // The claimed CallStatus of a forged request is attacker-chosen, so it never becomes a label value.
        metrics.webhookReceived('twilio', 'unverified', 'forged');
        logger.warn({ path: req.path, callId: req.query.callId, ip: req.ip }, 'refused a Twilio webhook whose signature does not verify');
      },
    }),
  );
  twilioRoutes.use(twilioStatusRoutes({ streams, logger, metrics }));
  twilioRoutes.use(twilioVoiceRoutes({ calls, logger, publicWebhookUrl: config.publicWebhookUrl, reportSecret: config.agentReportSecret }));
  twilioRoutes.use(twilioIncomingRoutes({ prisma, events, logger, metrics }));
  twilioRoutes.use(twilioRecordingRoutes({ streams, logger, metrics }));
  app.use(twilioRoutes);

  app.use(notFoundHandler);
  app.use(databaseUnavailable);
  app.use(errorMiddleware(logger));
  return { app, consumer, streams, metrics: registry };
}
