import { z } from 'zod';
import { parseEnv, port, ZCommonEnvSchema, ZDatabaseEnvSchema } from '@dialwave/platform';

export const DEV_TWILIO_ACCOUNT_SID = 'ACdeadbeefdeadbeefdeadbeefdeadbeef';
export const DEV_TWILIO_AUTH_TOKEN = 'dialwave-dev-auth-token';
export const DEV_SANSPBX_ACCESS_TOKEN = 'dialwave-dev-sanspbx-access-token';
export const DEV_SANSPBX_ACCESS_KEY = 'dialwave-dev-sanspbx-access-key';
export const DEV_SANSPBX_CALLBACK_SECRET = 'dialwave-dev-sanspbx-secret';
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
    /** Unset: SANSPBX agents cannot dial (their calls fail naming these variables). */
    SANSPBX_BASE_URL: optional(z.string().url()),
    SANSPBX_ACCESS_TOKEN: z.string().min(1).default(DEV_SANSPBX_ACCESS_TOKEN),
    SANSPBX_ACCESS_KEY: z.string().min(1).default(DEV_SANSPBX_ACCESS_KEY),
    SANSPBX_APP_ID: z.coerce.number().int().positive().default(1),
    /** Rides in SansPBX callback URLs; webhook-ingest must have the same value. */
    SANSPBX_CALLBACK_SECRET: z.string().min(16).default(DEV_SANSPBX_CALLBACK_SECRET),
    PROVIDER_CPS: optional(z.coerce.number().int().positive()),
    RING_TIMEOUT_S: positiveInt(30),
    MAX_CALL_S: positiveInt(3600),
    /** Multiplies the call deadline (RING_TIMEOUT_S + MAX_CALL_S); tests shrink it, e.g. 0.01. */
    CALL_DEADLINE_SCALE: z.coerce.number().positive().default(1),
    /** How long past its deadline the sweep waits before reconciling a call whose job is gone. */
    OVERDUE_GRACE_MS: z.coerce.number().int().nonnegative().default(60_000),
    /** Longest a dial request to the carrier may take; a crashed dialer's successor waits this long before it asks the carrier whether the call exists. */
    DIAL_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
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
  })
  .refine((env) => !usesSansPbxInProduction(env) || env.SANSPBX_CALLBACK_SECRET !== DEV_SANSPBX_CALLBACK_SECRET, {
    message: 'must be set to a secret of your own in production (the same value as webhook-ingest)',
    path: ['SANSPBX_CALLBACK_SECRET'],
  })
  .refine((env) => !usesSansPbxInProduction(env) || env.SANSPBX_ACCESS_TOKEN !== DEV_SANSPBX_ACCESS_TOKEN, {
    message: 'must be set to your SansPBX access token in production',
    path: ['SANSPBX_ACCESS_TOKEN'],
  })
  .refine((env) => !usesSansPbxInProduction(env) || env.SANSPBX_ACCESS_KEY !== DEV_SANSPBX_ACCESS_KEY, {
    message: 'must be set to your SansPBX access key in production',
    path: ['SANSPBX_ACCESS_KEY'],
  });
export type TDialerEnv = z.infer<typeof ZDialerEnvSchema>;

/** The SansPBX development defaults only matter where SansPBX is dialed. */
function usesSansPbxInProduction(env: { NODE_ENV?: string; SANSPBX_BASE_URL?: string }): boolean {
  return env.NODE_ENV === 'production' && env.SANSPBX_BASE_URL !== undefined;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TDialerEnv {
  return parseEnv(ZDialerEnvSchema, source);
}

/** The call deadline a dial job waits before reconciling: ring timeout + max call length, scaled. */
export function callDeadlineMs(env: Pick<TDialerEnv, 'RING_TIMEOUT_S' | 'MAX_CALL_S' | 'CALL_DEADLINE_SCALE'>): number {
  return Math.max(1, Math.round((env.RING_TIMEOUT_S + env.MAX_CALL_S) * 1000 * env.CALL_DEADLINE_SCALE));
}
