import { z } from 'zod';
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
} from '@dialwave/platform';

const CREDENTIAL_NAMES = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'SANSPBX_CALLBACK_SECRET', 'AGENT_REPORT_SECRET'] as const;

export const ZIngestEnvSchema = ZCommonEnvSchema.extend(ZDatabaseEnvSchema.shape)
  .extend({
    INGEST_PORT: port(4001),
    /**
     * The origin (plus any path prefix a proxy strips) the provider calls us on. Signatures are computed
     * over this URL + the request's path and query, so it must be exactly what the provider was given.
     */
    PUBLIC_WEBHOOK_URL: publicWebhookUrl(),
    TWILIO_ACCOUNT_SID: credential(),
    TWILIO_AUTH_TOKEN: credential(),
    /** Carried in the status_callback URL we give SansPBX, which does not sign its callbacks. */
    SANSPBX_CALLBACK_SECRET: credential(),
    /** Keys the per-call tokens of the report URLs handed to voice runtimes (HMAC-SHA256 of the call id). */
    AGENT_REPORT_SECRET: credential(),
    HTTP_SHUTDOWN_GRACE_MS: httpShutdownGrace(),
    /** Most stored callbacks applied in one transaction (group commit); batches are smaller when load is. */
    CALLBACK_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    /** A stored callback handed out this many times without being applied goes to the dead-letter stream. */
    CALLBACK_MAX_DELIVERIES: z.coerce.number().int().min(1).max(100).default(5),
  })
  .superRefine((env, ctx) => {
    refuseUnsafeCredentials(env, ctx, CREDENTIAL_NAMES);
    requirePublicWebhookUrl(env, ctx);
  })
  .transform((env) => ({ ...withCredentialDefaults(env, CREDENTIAL_NAMES), PUBLIC_WEBHOOK_URL: publicWebhookUrlOrDevDefault(env) }));
export type TIngestEnv = z.infer<typeof ZIngestEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TIngestEnv {
  return parseEnv(ZIngestEnvSchema, source);
}
