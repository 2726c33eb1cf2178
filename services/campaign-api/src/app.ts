import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { CountryCode } from 'libphonenumber-js';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Db } from '@dialwave/db';
import type { CampaignDeps, DestinationPolicy, DialingLimits } from '@dialwave/domain';
import type { BullDialQueue } from '@dialwave/infra';
import type { TCallingWindow } from '@dialwave/contracts';
import type { CallerNumberVerifier, CallProviderRegistry } from '@dialwave/providers';
import {
  createMetricsRegistry,
  errorMiddleware,
  healthRouter,
  httpLatencyMiddleware,
  notFoundHandler,
  requestLogger,
} from '@dialwave/platform/http';
import { AgentService } from './agents/agent.service';
import { AuthService, type SignupMode } from './auth/auth.service';
import { LoginProtection } from './auth/login-protection';
import { CallSearchService } from './calls/call-search.service';
import { CallService } from './calls/call.service';
import { InboundCallService } from './calls/inbound-call.service';
import { CampaignQueryService } from './campaigns/campaign-query.service';
import { importLimitsFor, LeadService } from './leads/lead.service';
import { ADMIN_BOARD_PATH, adminBoard, type AdminCredentials } from './http/admin-board';
import { agentRoutes } from './http/agent.routes';
import { authRoutes } from './http/auth.routes';
import { callRoutes } from './http/call.routes';
import { callLogRoutes, campaignRoutes } from './http/campaign.routes';
import { leadRoutes } from './http/lead.routes';
import { currentUserId, requireAuth } from './http/require-auth';
import type { TrustProxy } from './http/trust-proxy';
import { createRateLimiters, DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limits/rate-limits';
import { dncRoutes } from './http/dnc.routes';
import { docsRoutes } from './http/docs.routes';
import { DncService } from './dnc/dnc.service';

export interface AppConfig {
  jwtSecret: string;
  /** Region for phone numbers written without a country code. */
  phoneRegion: CountryCode;
  /** PUBLIC_WEBHOOK_URL of webhook-ingest (no trailing slash): recording callbacks of accepted calls go there. */
  publicWebhookUrl: string;
  /** Bull Board is served only when both are set. */
  admin?: AdminCredentials;
  /** DIALWAVE_DEV: development conveniences (the `simulator` provider, voice runtimes on ws://). Off unless set. */
  developmentMode?: boolean;
  /** DIAL_ALLOWED_COUNTRIES (unset: every country); premium-rate and shared-cost numbers are refused whatever it says. */
  destinationPolicy?: DestinationPolicy;
  /** IMPORT_MAX_ROWS: data rows one CSV import may hold (default 100,000). */
  importMaxRows?: number;
  /** SIGNUP_MODE (default closed: the production posture). */
  signupMode?: SignupMode;
  /** TRUST_PROXY: which peers' X-Forwarded-For gives the client address (default: loopback). */
  trustProxy?: TrustProxy;
  /** Redis-backed limits (shared by every replica); keys under `<prefix>:rl:`. */
  rateLimits?: { prefix: string; limits?: Partial<RateLimitSettings> };
  /** DEFAULT_CALLING_WINDOWS, parsed; unset = campaigns without windows dial at any hour. */
  defaultCallingWindows?: TCallingWindow[];
  /** MAX_CALLS_PER_NUMBER_PER_DAY and TENANT_MAX_CONCURRENT_CALLS; unset = their defaults. */
  limits?: DialingLimits;
}

export interface AppDeps {
  prisma: Db;
  /** A producer connection (fails fast while Redis is away). */
  redis: Redis;
  /** The BullMQ queue itself: Bull Board shows it. */
  dialQueue: BullDialQueue;
  events: CampaignDeps['events'];
  logger: Logger;
  /** The carriers, for accepting and rejecting inbound calls. */
  providers: CallProviderRegistry;
  /** The Twilio account's numbers and verified caller ids: a Twilio agent may call only from one of them. */
  twilioNumbers: CallerNumberVerifier;
  config: AppConfig;
  metrics?: Registry;
}

export const JSON_BODY_LIMIT = '1mb';
export const DEFAULT_IMPORT_MAX_ROWS = 100_000;

export function createApp(deps: AppDeps): Express {
  const { prisma, redis, dialQueue, events, logger, providers, config } = deps;
  const metrics = deps.metrics ?? createMetricsRegistry('campaign-api');
  const app = express();
  app.disable('x-powered-by');
  // Per-address limits key on req.ip: behind a proxy it must come from X-Forwarded-For, and only from
  // peers we trust to write it (README, "Security").
  app.set('trust proxy', config.trustProxy ?? 'loopback');
  const limiters = createRateLimiters(redis, config.rateLimits?.prefix ?? 'dialwave', {
    ...DEFAULT_RATE_LIMITS,
    ...config.rateLimits?.limits,
  });

  app.use(healthRouter(metrics, { postgres: () => prisma.$queryRaw`SELECT 1`, redis: () => redis.ping() }, logger));
  app.use(httpLatencyMiddleware(metrics));
  app.use(requestLogger(logger));

  if (config.admin) app.use(ADMIN_BOARD_PATH, adminBoard([dialQueue], config.admin, limiters.adminFailuresPerIp));

  const api = express.Router();
  api.use(express.json({ limit: JSON_BODY_LIMIT }));
  // The API reference is public, as the README that describes the same routes is.
  api.use(docsRoutes());
  const login = new LoginProtection(limiters);
  api.use(
    '/auth',
    authRoutes(new AuthService(prisma, config.jwtSecret, config.signupMode ?? 'closed', config.developmentMode === true), {
      login,
      signupPerIp: limiters.signupPerIp,
    }),
  );
  api.use(requireAuth(config.jwtSecret));
  // Counted before the body is read: a 5 MB upload over the limit is refused without parsing it.
  api.post('/leads/import', async (_req, res, next) => {
    await limiters.importPerUser.take(currentUserId(res));
    next();
  });
  const campaignQueries = new CampaignQueryService(prisma);
  api.use('/agents', agentRoutes(new AgentService(prisma, config.phoneRegion, deps.twilioNumbers, config.developmentMode ?? false)));
  const importLimits = importLimitsFor(config.importMaxRows ?? DEFAULT_IMPORT_MAX_ROWS);
  const leadRules = { phoneRegion: config.phoneRegion, destinationPolicy: config.destinationPolicy ?? {} };
  api.use('/leads', leadRoutes(new LeadService(prisma, leadRules, importLimits), importLimits.maxBytes));
  const campaignDomain: CampaignDeps = { prisma, dialQueue, events, logger, ...(config.limits ? { limits: config.limits } : {}) };
  api.use('/campaigns', campaignRoutes(campaignQueries, campaignDomain, { defaultCallingWindows: config.defaultCallingWindows }));
  api.use('/call-logs', callLogRoutes(campaignQueries));
  api.use('/dnc', dncRoutes(new DncService(prisma, config.phoneRegion)));
  const inboundCalls = new InboundCallService({ prisma, events, logger, providers, publicWebhookUrl: config.publicWebhookUrl });
  api.use('/calls', callRoutes(new CallService(prisma), inboundCalls, new CallSearchService(prisma)));
  app.use('/api', api);

  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));
  return app;
}
