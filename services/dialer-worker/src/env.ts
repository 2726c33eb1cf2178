import { z } from 'zod';
import { ZDialAllowedCountriesEnvSchema } from '@dialwave/domain';
import {
  credential,
  parseEnv,
  port,
  publicWebhookUrl,
  publicWebhookUrlOrDevDefault,
  refuseUnsafeCredentials,
  requirePublicWebhookUrl,
  withCredentialDefaults,
  ZCommonEnvSchema,
  ZDatabaseEnvSchema,
  ZDialingLimitsEnvSchema,
} from '@dialwave/platform';

const CREDENTIAL_NAMES = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'SANSPBX_CALLBACK_SECRET',
  'AGENT_REPORT_SECRET',
  'SANSPBX_ACCESS_TOKEN',
  'SANSPBX_ACCESS_KEY',
] as const;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** `VAR=` (set but empty, as compose files and shells often leave it) means unset. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const ZDialerEnvSchema = ZCommonEnvSchema.extend(ZDatabaseEnvSchema.shape)
  .extend(ZDialingLimitsEnvSchema.shape)
  .extend({
    DIALER_PORT: port(4003),
    DIALER_CONCURRENCY: positiveInt(5),
    /** Where carriers send status callbacks (webhook-ingest); the local one in development mode. */
    PUBLIC_WEBHOOK_URL: publicWebhookUrl(),
    TWILIO_ACCOUNT_SID: credential(),
    TWILIO_AUTH_TOKEN: credential(),
    /** Unset: TWILIO agents dial real Twilio. Set: every Twilio REST request goes here (the carrier simulator). */
    TWILIO_API_BASE_URL: optional(z.string().url()),
    /** Unset: SANSPBX agents cannot dial (their calls fail naming these variables). */
    SANSPBX_BASE_URL: optional(z.string().url()),
    SANSPBX_ACCESS_TOKEN: credential(),
    SANSPBX_ACCESS_KEY: credential(),
    SANSPBX_APP_ID: z.coerce.number().int().positive().default(1),
    /** Rides in SansPBX callback URLs; webhook-ingest must have the same value. */
    SANSPBX_CALLBACK_SECRET: credential(),
    /** Signs the report URL a SansPBX call's voice runtime is given; webhook-ingest must have the same value. */
    AGENT_REPORT_SECRET: credential(),
    PROVIDER_CPS: optional(z.coerce.number().int().positive()),
    /** ISO codes of the countries calls may go to (e.g. `US,CA`); unset: every country. Checked before each dial. */
    DIAL_ALLOWED_COUNTRIES: ZDialAllowedCountriesEnvSchema,
    RING_TIMEOUT_S: positiveInt(30),
    MAX_CALL_S: positiveInt(3600),
    /** Multiplies the call deadline (RING_TIMEOUT_S + MAX_CALL_S); tests shrink it, e.g. 0.01. */
    CALL_DEADLINE_SCALE: z.coerce.number().positive().default(1),
    /** How long past its deadline the sweep waits before reconciling a call whose job is gone. */
    OVERDUE_GRACE_MS: z.coerce.number().int().nonnegative().default(60_000),
    /** Longest a dial request to the carrier may take; a crashed dialer's successor waits this long before it asks the carrier whether the call exists. */
    DIAL_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    SWEEP_INTERVAL_MS: positiveInt(5000),
    /**
     * A dial job's BullMQ lock, renewed every half of it while the job runs (its whole call). A dead
     * dialer's jobs are taken over once the lock has lapsed and a stall check has seen it twice: at most
     * about WORKER_LOCK_MS + WORKER_STALLED_INTERVAL_MS after the crash (docs/dial-job-lifetime.md).
     */
    WORKER_LOCK_MS: positiveInt(5000),
    WORKER_STALLED_INTERVAL_MS: positiveInt(5000),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(25_000),
  })
  .superRefine((env, ctx) => {
    // The callback secret is ours and webhook-ingest checks it whether or not this dialer dials SansPBX;
    // the account's access token and key only matter where SansPBX is dialed.
    const sansPbxAccount = ['SANSPBX_ACCESS_TOKEN', 'SANSPBX_ACCESS_KEY'] as const;
    refuseUnsafeCredentials(
      env,
      ctx,
      [
        'TWILIO_ACCOUNT_SID',
        'TWILIO_AUTH_TOKEN',
        'SANSPBX_CALLBACK_SECRET',
        'AGENT_REPORT_SECRET',
        ...(env.SANSPBX_BASE_URL ? sansPbxAccount : []),
      ],
      env.SANSPBX_BASE_URL ? [] : sansPbxAccount,
    );
    requirePublicWebhookUrl(env, ctx);
  })
  .transform((env) => ({ ...withCredentialDefaults(env, CREDENTIAL_NAMES), PUBLIC_WEBHOOK_URL: publicWebhookUrlOrDevDefault(env) }));
export type TDialerEnv = z.infer<typeof ZDialerEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TDialerEnv {
  return parseEnv(ZDialerEnvSchema, source);
}

/** The call deadline a dial job waits before reconciling: ring timeout + max call length, scaled. */
export function callDeadlineMs(env: Pick<TDialerEnv, 'RING_TIMEOUT_S' | 'MAX_CALL_S' | 'CALL_DEADLINE_SCALE'>): number {
  return Math.max(1, Math.round((env.RING_TIMEOUT_S + env.MAX_CALL_S) * 1000 * env.CALL_DEADLINE_SCALE));
}
