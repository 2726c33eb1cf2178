import { z } from 'zod';
import { devModeFlag } from './dev-mode';

/**
 * Parses the environment once at boot. A missing or wrong variable stops the process with one line per
 * variable that names it, instead of failing later at first use.
 */
export function parseEnv<S extends z.ZodTypeAny>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
}

/** Variables every service shares. */
export const ZCommonEnvSchema = z.object({
  /** Development conveniences (public default secrets, the simulator provider, open signup) only when 1. */
  DIALWAVE_DEV: devModeFlag,
  /** Read by libraries; no decision of ours depends on it (DIALWAVE_DEV does that). */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Prefix of every BullMQ key, so that test suites and deployments can share one Redis. */
  QUEUE_PREFIX: z.string().min(1).default('dialwave'),
});

export const ZDatabaseEnvSchema = z.object({
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/dialwave'),
  /** Connections one process keeps to Postgres; more than the database's cores only adds contention. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(4),
});

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Dialing limits every top-up and dial applies; campaign-api and dialer-worker must agree on them. */
export const ZDialingLimitsEnvSchema = z.object({
  /** Calls to one number of one user over any rolling 24 h, across all campaigns. */
  MAX_CALLS_PER_NUMBER_PER_DAY: z.coerce.number().int().min(1).max(1000).default(3),
  /** One user's live calls (QUEUED + IN_PROGRESS leads) across all of their campaigns, on every replica. */
  TENANT_MAX_CONCURRENT_CALLS: z.coerce.number().int().min(1).max(100_000).default(50),
});
