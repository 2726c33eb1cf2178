import { z } from 'zod';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { parseEnv, port, ZCommonEnvSchema, ZDatabaseEnvSchema } from '@dialwave/platform';

const DEV_JWT_SECRET = 'dialwave-dev-jwt-secret';

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
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.JWT_SECRET !== DEV_JWT_SECRET, {
    message: 'must be set to a secret of your own in production',
    path: ['JWT_SECRET'],
  });
export type TApiEnv = z.infer<typeof ZApiEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TApiEnv {
  return parseEnv(ZApiEnvSchema, source);
}
