import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Db } from '@dialwave/db';
import type { EventPublisher } from '@dialwave/domain';
import { createMetricsRegistry, errorMiddleware, healthRouter, httpLatencyMiddleware, notFoundHandler } from '@dialwave/platform';
import { CallRepository } from './calls/call.repository';
import { agentReportRoutes } from './http/agent-report.routes';
import { IngestMetrics } from './http/ingest-metrics';
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
}

export interface AppDeps {
  prisma: Db;
  /** A producer connection; also answers the readiness check. */
  redis: Redis;
  events: EventPublisher;
  logger: Logger;
  config: AppConfig;
  metrics?: Registry;
  /** Scores reports that come without a sentiment; one per process, since it holds a language model. */
  scorer?: SentimentScorer;
}

/** Twilio's callbacks are a few hundred bytes; anything near this limit is not Twilio. */
const FORM_BODY_LIMIT = '64kb';

export function createApp(deps: AppDeps): Express {
  const { prisma, redis, events, logger, config } = deps;
  const registry = deps.metrics ?? createMetricsRegistry('webhook-ingest');
  const metrics = new IngestMetrics(registry);
  const calls = new CallRepository(prisma);
  const app = express();
  app.disable('x-powered-by');

  app.use(healthRouter(registry, { postgres: () => prisma.$queryRaw`SELECT 1`, redis: () => redis.ping() }, logger));
  app.use(httpLatencyMiddleware(registry));

  // Before the Twilio routes, whose form parser and signature check apply to every request they see.
  app.use(sansPbxStatusRoutes({ prisma, events, logger, metrics, calls, callbackSecret: config.sansPbxCallbackSecret }));
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
  twilioRoutes.use(twilioStatusRoutes({ prisma, events, logger, calls, metrics }));
  twilioRoutes.use(twilioVoiceRoutes({ calls, logger, publicWebhookUrl: config.publicWebhookUrl, reportSecret: config.agentReportSecret }));
  twilioRoutes.use(twilioIncomingRoutes({ prisma, events, logger, metrics }));
  twilioRoutes.use(twilioRecordingRoutes({ prisma, events, logger }));
  app.use(twilioRoutes);

  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));
  return app;
}
