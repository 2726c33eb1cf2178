import { z } from 'zod';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { ZDialAllowedCountriesEnvSchema } from '@dialwave/domain';
import { credential, httpShutdownGrace, parseEnv, port, refuseUnsafeCredentials, withCredentialDefaults, ZCommonEnvSchema, ZDatabaseEnvSchema } from '@dialwave/platform';

const DEV_PUBLIC_WEBHOOK_URL = 'http://127.0.0.1:4001';
/** Where SIMULATOR agents' calls live when TWILIO_API_BASE_URL is unset: the carrier simulator's default port. */
export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:4010';

/** `VAR=` (set but empty, as compose files often leave it) means unset. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const ZApiEnvSchema = ZCommonEnvSchema.extend(ZDatabaseEnvSchema.shape)
  .extend({
    API_PORT: port(4000),
    JWT_SECRET: credential(),
    ADMIN_USER: z.string().min(1).optional(),
    ADMIN_PASSWORD: credential(),
    /** Region assumed for phone numbers written without a country code (ISO 3166 alpha-2). */
    DEFAULT_PHONE_REGION: z
      .string()
      .toUpperCase()
      .default('US')
      .refine((region) => isSupportedCountry(region), 'must be a supported ISO 3166 region such as US or IN')
      .transform((region) => region as CountryCode),
    /** webhook-ingest's public base URL: accepted inbound calls report their recordings there. */
    PUBLIC_WEBHOOK_URL: optional(z.string().url()).transform((url) => url?.replace(/\/+$/, '')),
    TWILIO_ACCOUNT_SID: credential(),
    TWILIO_AUTH_TOKEN: credential(),
    /** Unset: TWILIO calls are driven on real Twilio. Set: every Twilio REST request goes here (the carrier simulator). */
    TWILIO_API_BASE_URL: optional(z.string().url()),
    HTTP_SHUTDOWN_GRACE_MS: httpShutdownGrace(),
    /** ISO codes of the countries leads may be in (e.g. `US,CA`); unset: every country. The dialer checks it again before each dial. */
    DIAL_ALLOWED_COUNTRIES: ZDialAllowedCountriesEnvSchema,
    /** Data rows one CSV import may hold; more answers 413 and stores nothing. */
    IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
  })
  .superRefine((env, ctx) => {
    refuseUnsafeCredentials(env, ctx, ['JWT_SECRET', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'], ['ADMIN_PASSWORD']);
    if (!env.DIALWAVE_DEV && env.PUBLIC_WEBHOOK_URL === undefined) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_WEBHOOK_URL'], message: 'is required outside development mode (DIALWAVE_DEV=1)' });
    }
  })
  .transform((env) => ({
    ...withCredentialDefaults(env, ['JWT_SECRET', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']),
    PUBLIC_WEBHOOK_URL: env.PUBLIC_WEBHOOK_URL ?? DEV_PUBLIC_WEBHOOK_URL,
  }));
export type TApiEnv = z.infer<typeof ZApiEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TApiEnv {
  return parseEnv(ZApiEnvSchema, source);
}
