import { z } from 'zod';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { parseCallingWindowsSpec } from '@dialwave/contracts';
import { ZDialAllowedCountriesEnvSchema } from '@dialwave/domain';
import {
  credential,
  httpShutdownGrace,
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
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './rate-limits/rate-limits';
import { parseRateLimitSpec, type RateLimitSpec } from './rate-limits/rate-limit-spec';
import { parseTrustProxy } from './http/trust-proxy';

/** `VAR=` (set but empty, as compose files often leave it) means unset. */
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** `RATE_LIMIT_*=<points>/<seconds>`, e.g. `50/900` for 50 per 15 minutes. */
const rateLimit = (fallback: RateLimitSpec) =>
  optional(z.string())
    .refine((text) => text === undefined || parseRateLimitSpec(text) !== undefined, 'must be <points>/<seconds>, e.g. 50/900')
    .transform((text) => (text === undefined ? fallback : (parseRateLimitSpec(text) as RateLimitSpec)));

const flag = optional(z.enum(['0', '1', 'true', 'false'])).transform((value) => value === '1' || value === 'true');

export const ZApiEnvSchema = ZCommonEnvSchema.extend(ZDatabaseEnvSchema.shape)
  .extend(ZDialingLimitsEnvSchema.shape)
  .extend({
    API_PORT: port(4000),
    JWT_SECRET: credential(),
    ADMIN_USER: z.string().min(1).optional(),
    ADMIN_PASSWORD: credential(),
    /** Bull Board is read-only unless this is 1: the board can add, retry and delete dial jobs. */
    ADMIN_BOARD_WRITE: flag,
    /** `open`: anyone may sign up; `closed`: accounts come from `pnpm user:create`. Default: open only in development mode. */
    SIGNUP_MODE: optional(z.enum(['open', 'closed'])),
    /** Which peers may set X-Forwarded-For (express `trust proxy`): the console's proxy on this host by default. */
    TRUST_PROXY: z
      .string()
      .default('loopback')
      .superRefine((text, ctx) => {
        const parsed = parseTrustProxy(text);
        if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
      })
      .transform((text) => (parseTrustProxy(text) as { value: boolean | number | string }).value),
    RATE_LIMIT_LOGIN_IP: rateLimit(DEFAULT_RATE_LIMITS.loginPerIp),
    RATE_LIMIT_LOGIN_EMAIL_IP: rateLimit(DEFAULT_RATE_LIMITS.loginPerEmailAndIp),
    RATE_LIMIT_LOGIN_EMAIL: rateLimit(DEFAULT_RATE_LIMITS.loginPerEmail),
    RATE_LIMIT_SIGNUP_IP: rateLimit(DEFAULT_RATE_LIMITS.signupPerIp),
    RATE_LIMIT_IMPORT_USER: rateLimit(DEFAULT_RATE_LIMITS.importPerUser),
    RATE_LIMIT_ADMIN_IP: rateLimit(DEFAULT_RATE_LIMITS.adminFailuresPerIp),
    /** Region assumed for phone numbers written without a country code (ISO 3166 alpha-2). */
    DEFAULT_PHONE_REGION: z
      .string()
      .toUpperCase()
      .default('US')
      .refine((region) => isSupportedCountry(region), 'must be a supported ISO 3166 region such as US or IN')
      .transform((region) => region as CountryCode),
    /** webhook-ingest's public base URL: accepted inbound calls report their recordings there. */
    PUBLIC_WEBHOOK_URL: publicWebhookUrl(),
    TWILIO_ACCOUNT_SID: credential(),
    TWILIO_AUTH_TOKEN: credential(),
    /** Unset: TWILIO calls are driven on real Twilio. Set: every Twilio REST request goes here (the carrier simulator). */
    TWILIO_API_BASE_URL: optional(z.string().url()),
    HTTP_SHUTDOWN_GRACE_MS: httpShutdownGrace(),
    /** ISO codes of the countries leads may be in (e.g. `US,CA`); unset: every country. The dialer checks it again before each dial. */
    DIAL_ALLOWED_COUNTRIES: ZDialAllowedCountriesEnvSchema,
    /** Data rows one CSV import may hold; more answers 413 and stores nothing. */
    IMPORT_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
    /** Calling windows of campaigns created without their own, e.g. `1-7 09:00-20:00`; unset = no restriction. */
    DEFAULT_CALLING_WINDOWS: optional(
      z.string().transform((spec, ctx) => {
        try {
          return parseCallingWindowsSpec(spec);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: `${(err as Error).message}` });
          return z.NEVER;
        }
      }),
    ),
  })
  .superRefine((env, ctx) => {
    refuseUnsafeCredentials(env, ctx, ['JWT_SECRET', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'], ['ADMIN_PASSWORD']);
    requirePublicWebhookUrl(env, ctx);
  })
  .transform((env) => ({
    ...withCredentialDefaults(env, ['JWT_SECRET', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']),
    PUBLIC_WEBHOOK_URL: publicWebhookUrlOrDevDefault(env),
    SIGNUP_MODE: env.SIGNUP_MODE ?? (env.DIALWAVE_DEV ? 'open' : 'closed'),
  }));
export type TApiEnv = z.infer<typeof ZApiEnvSchema>;

/** The RATE_LIMIT_* variables as the app takes them. */
export function rateLimitSettings(env: TApiEnv): RateLimitSettings {
  return {
    loginPerIp: env.RATE_LIMIT_LOGIN_IP,
    loginPerEmailAndIp: env.RATE_LIMIT_LOGIN_EMAIL_IP,
    loginPerEmail: env.RATE_LIMIT_LOGIN_EMAIL,
    signupPerIp: env.RATE_LIMIT_SIGNUP_IP,
    importPerUser: env.RATE_LIMIT_IMPORT_USER,
    adminFailuresPerIp: env.RATE_LIMIT_ADMIN_IP,
  };
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TApiEnv {
  return parseEnv(ZApiEnvSchema, source);
}
