import { z } from 'zod';
import { parseEnv, port, ZCommonEnvSchema, ZDatabaseEnvSchema } from '@dialwave/platform';

const DEV_TWILIO_ACCOUNT_SID = 'ACdeadbeefdeadbeefdeadbeefdeadbeef';
const DEV_TWILIO_AUTH_TOKEN = 'dialwave-dev-auth-token';
const DEV_PUBLIC_WEBHOOK_URL = 'http://127.0.0.1:4001';
export const DEV_SANSPBX_CALLBACK_SECRET = 'dialwave-dev-sanspbx-secret';

export const ZIngestEnvSchema = ZCommonEnvSchema.extend(ZDatabaseEnvSchema.shape)
  .extend({
    INGEST_PORT: port(4001),
    /**
     * The origin (plus any path prefix a proxy strips) the provider calls us on. Signatures are computed
     * over this URL + the request's path and query, so it must be exactly what the provider was given.
     */
    PUBLIC_WEBHOOK_URL: z
      .string()
      .url()
      .optional()
      .transform((url) => url?.replace(/\/+$/, '')),
    TWILIO_ACCOUNT_SID: z.string().min(1).default(DEV_TWILIO_ACCOUNT_SID),
    TWILIO_AUTH_TOKEN: z.string().min(1).default(DEV_TWILIO_AUTH_TOKEN),
    /** Carried in the status_callback URL we give SansPBX, which does not sign its callbacks. */
    SANSPBX_CALLBACK_SECRET: z.string().min(16).default(DEV_SANSPBX_CALLBACK_SECRET),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.PUBLIC_WEBHOOK_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_WEBHOOK_URL'], message: 'is required in production' });
    if (env.TWILIO_AUTH_TOKEN === DEV_TWILIO_AUTH_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_AUTH_TOKEN'], message: 'must be set to your own auth token in production' });
    }
    if (env.TWILIO_ACCOUNT_SID === DEV_TWILIO_ACCOUNT_SID) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_ACCOUNT_SID'], message: 'must be set to your own account SID in production' });
    }
    if (env.SANSPBX_CALLBACK_SECRET === DEV_SANSPBX_CALLBACK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SANSPBX_CALLBACK_SECRET'], message: 'must be set to a secret of your own in production' });
    }
  })
  .transform((env) => ({ ...env, PUBLIC_WEBHOOK_URL: env.PUBLIC_WEBHOOK_URL ?? DEV_PUBLIC_WEBHOOK_URL }));
export type TIngestEnv = z.infer<typeof ZIngestEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TIngestEnv {
  return parseEnv(ZIngestEnvSchema, source);
}
