import { z } from 'zod';
import { parseEnv, port, ZCommonEnvSchema, ZDatabaseEnvSchema } from '@dialwave/platform';

export const DEV_TWILIO_ACCOUNT_SID = 'ACdeadbeefdeadbeefdeadbeefdeadbeef';
export const DEV_TWILIO_AUTH_TOKEN = 'dialwave-dev-auth-token';
/** Where SIMULATOR agents dial when TWILIO_API_BASE_URL is unset: the carrier simulator's default port. */
export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:4010';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** `VAR=` (set but empty, as compose files and shells often leave it) means unset. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const ZDialerEnvSchema = ZCommonEnvSchema.extend(ZDatabaseEnvSchema.shape)
  .extend({
    DIALER_PORT: port(4003),
    DIALER_CONCURRENCY: positiveInt(5),
    PUBLIC_WEBHOOK_URL: z.string().url().default('http://127.0.0.1:4001'),
    TWILIO_ACCOUNT_SID: z.string().min(1).default(DEV_TWILIO_ACCOUNT_SID),
    TWILIO_AUTH_TOKEN: z.string().min(1).default(DEV_TWILIO_AUTH_TOKEN),
    /** Unset: TWILIO agents dial real Twilio. Set: every Twilio REST request goes here (the carrier simulator). */
    TWILIO_API_BASE_URL: optional(z.string().url()),
    PROVIDER_CPS: optional(z.coerce.number().int().positive()),
    RING_TIMEOUT_S: positiveInt(30),
    MAX_CALL_S: positiveInt(3600),
    /** Multiplies the call deadline (RING_TIMEOUT_S + MAX_CALL_S); tests shrink it, e.g. 0.01. */
    CALL_DEADLINE_SCALE: z.coerce.number().positive().default(1),
    /** How long past its deadline the sweep waits before reconciling a call whose job is gone. */
    OVERDUE_GRACE_MS: z.coerce.number().int().nonnegative().default(60_000),
    SWEEP_INTERVAL_MS: positiveInt(5000),
    WORKER_LOCK_MS: positiveInt(30_000),
    WORKER_STALLED_INTERVAL_MS: positiveInt(30_000),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(25_000),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.TWILIO_AUTH_TOKEN !== DEV_TWILIO_AUTH_TOKEN, {
    message: 'must be set to your Twilio auth token in production',
    path: ['TWILIO_AUTH_TOKEN'],
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.TWILIO_ACCOUNT_SID !== DEV_TWILIO_ACCOUNT_SID, {
    message: 'must be set to your Twilio account sid in production',
    path: ['TWILIO_ACCOUNT_SID'],
  });
export type TDialerEnv = z.infer<typeof ZDialerEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TDialerEnv {
  return parseEnv(ZDialerEnvSchema, source);
}

/** The call deadline a dial job waits before reconciling: ring timeout + max call length, scaled. */
export function callDeadlineMs(env: Pick<TDialerEnv, 'RING_TIMEOUT_S' | 'MAX_CALL_S' | 'CALL_DEADLINE_SCALE'>): number {
  return Math.max(1, Math.round((env.RING_TIMEOUT_S + env.MAX_CALL_S) * 1000 * env.CALL_DEADLINE_SCALE));
}
