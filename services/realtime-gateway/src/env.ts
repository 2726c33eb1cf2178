import { z } from 'zod';
import { parseEnv, port, ZCommonEnvSchema } from '@dialwave/platform';

const DEV_JWT_SECRET = 'dialwave-dev-jwt-secret';

export const ZGatewayEnvSchema = ZCommonEnvSchema.extend({
  GATEWAY_PORT: port(4002),
  /** The secret campaign-api signs its tokens with: the handshake verifies those same tokens. */
  JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
}).refine((env) => env.NODE_ENV !== 'production' || env.JWT_SECRET !== DEV_JWT_SECRET, {
  message: 'must be set to a secret of your own in production',
  path: ['JWT_SECRET'],
});
export type TGatewayEnv = z.infer<typeof ZGatewayEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TGatewayEnv {
  return parseEnv(ZGatewayEnvSchema, source);
}
