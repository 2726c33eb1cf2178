import { z } from 'zod';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { parseEnv, port, ZCommonEnvSchema, ZDatabaseEnvSchema } from '@dialwave/platform';

const DEV_JWT_SECRET = 'dialwave-dev-jwt-secret';
const DEV_TWILIO_ACCOUNT_SID = 'ACdeadbeefdeadbeefdeadbeefdeadbeef';
const DEV_TWILIO_AUTH_TOKEN = 'dialwave-dev-auth-token';
const DEV_PUBLIC_WEBHOOK_URL = 'http://127.0.0.1:4001';
/** Where SIMULATOR agents' calls live when TWILIO_API_BASE_URL is unset: the carrier simulator's default port. */
export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:4010';

/** `VAR=` (set but empty, as compose files often leave it) means unset. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const ZApiEnvSchema = ZCommonEnvSchema.extend(ZDatabaseEnvSchema.shape)
  .extend({
    API_PORT: port(4000),
    JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
    ADMIN_USER: z.string().min(1).optional(),
    ADMIN_PASSWORD: z.string().min(1).optional(),
    /** Region assumed for phone numbers written without a country code (ISO 3166 alpha-2). */
    DEFAULT_PHONE_REGION: z
      .string()
      .toUpperCase()
      .default('US')
      .refine((region) => isSupportedCountry(region), 'must be a supported ISO 3166 region such as US or IN')
      .transform((region) => region as CountryCode),
    /** webhook-ingest's public base URL: accepted inbound calls report their recordings there. */
    PUBLIC_WEBHOOK_URL: optional(z.string().url()).transform((url) => url?.replace(/\/+$/, '')),
    TWILIO_ACCOUNT_SID: z.string().min(1).default(DEV_TWILIO_ACCOUNT_SID),
    TWILIO_AUTH_TOKEN: z.string().min(1).default(DEV_TWILIO_AUTH_TOKEN),
    /** Unset: TWILIO calls are driven on real Twilio. Set: every Twilio REST request goes here (the carrier simulator). */
    TWILIO_API_BASE_URL: optional(z.string().url()),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.JWT_SECRET !== DEV_JWT_SECRET, {
    message: 'must be set to a secret of your own in production',
    path: ['JWT_SECRET'],
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.PUBLIC_WEBHOOK_URL !== undefined, {
    message: 'is required in production',
    path: ['PUBLIC_WEBHOOK_URL'],
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.TWILIO_AUTH_TOKEN !== DEV_TWILIO_AUTH_TOKEN, {
    message: 'must be set to your Twilio auth token in production',
    path: ['TWILIO_AUTH_TOKEN'],
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.TWILIO_ACCOUNT_SID !== DEV_TWILIO_ACCOUNT_SID, {
    message: 'must be set to your Twilio account sid in production',
    path: ['TWILIO_ACCOUNT_SID'],
  })
  .transform((env) => ({ ...env, PUBLIC_WEBHOOK_URL: env.PUBLIC_WEBHOOK_URL ?? DEV_PUBLIC_WEBHOOK_URL }));
export type TApiEnv = z.infer<typeof ZApiEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TApiEnv {
  return parseEnv(ZApiEnvSchema, source);
}
