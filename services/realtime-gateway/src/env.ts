import type { z } from 'zod';
import {
  credential,
  httpShutdownGrace,
  parseEnv,
  port,
  refuseUnsafeCredentials,
  withCredentialDefaults,
  ZCommonEnvSchema,
} from '@dialwave/platform';

export const ZGatewayEnvSchema = ZCommonEnvSchema.extend({
  GATEWAY_PORT: port(4002),
  /** The secret campaign-api signs its tokens with: the handshake verifies those same tokens. */
  JWT_SECRET: credential(),
  HTTP_SHUTDOWN_GRACE_MS: httpShutdownGrace(),
})
  .superRefine((env, ctx) => refuseUnsafeCredentials(env, ctx, ['JWT_SECRET']))
  .transform((env) => withCredentialDefaults(env, ['JWT_SECRET']));
export type TGatewayEnv = z.infer<typeof ZGatewayEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TGatewayEnv {
  return parseEnv(ZGatewayEnvSchema, source);
}
