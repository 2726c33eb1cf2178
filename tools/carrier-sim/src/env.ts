import { z } from 'zod';
import { parseEnv, port } from '@dialwave/platform';
import {
  DEFAULT_INBOUND_MAX_WAIT_SECONDS,
  DEFAULT_SANSPBX_TOKEN_TTL_SECONDS,
  DEV_SANSPBX_ACCESS_KEY,
  DEV_SANSPBX_ACCESS_TOKEN,
  DEV_TWILIO_ACCOUNT_SID,
  DEV_TWILIO_AUTH_TOKEN,
} from './sim-config';

const rate = z.coerce.number().min(0).max(1).default(0);

export const ZCarrierSimEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SIM_PORT: port(4010),
    SIM_TIME_SCALE: z.coerce.number().positive().default(1),
    SIM_DUPLICATE_RATE: rate,
    SIM_REORDER_RATE: rate,
    SIM_DROP_RATE: rate,
    /** Base URL inbound calls are announced to (`<base>/twilio/incoming`); falls back to PUBLIC_WEBHOOK_URL. */
    SIM_INBOUND_WEBHOOK_URL: z.string().url().optional(),
    PUBLIC_WEBHOOK_URL: z.string().url().optional(),
    /** The number's status callback for inbound calls; default `<inbound webhook base>/twilio/status`. */
    SIM_INBOUND_STATUS_CALLBACK_URL: z.string().url().optional(),
    /** Nominal seconds an inbound caller waits in the queue before hanging up (scaled like every wait). */
    SIM_INBOUND_MAX_WAIT_S: z.coerce.number().positive().default(DEFAULT_INBOUND_MAX_WAIT_SECONDS),
    SANSPBX_ACCESS_TOKEN: z.string().min(1).default(DEV_SANSPBX_ACCESS_TOKEN),
    SANSPBX_ACCESS_KEY: z.string().min(1).default(DEV_SANSPBX_ACCESS_KEY),
    /** Real seconds (not scaled) an Apitoken from gentoken stays valid. */
    SIM_SANSPBX_TOKEN_TTL_S: z.coerce.number().positive().default(DEFAULT_SANSPBX_TOKEN_TTL_SECONDS),
    TWILIO_ACCOUNT_SID: z.string().startsWith('AC').default(DEV_TWILIO_ACCOUNT_SID),
    TWILIO_AUTH_TOKEN: z.string().min(1).default(DEV_TWILIO_AUTH_TOKEN),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.TWILIO_AUTH_TOKEN !== DEV_TWILIO_AUTH_TOKEN, {
    message: 'the development auth token must not be used in production',
    path: ['TWILIO_AUTH_TOKEN'],
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.SANSPBX_ACCESS_KEY !== DEV_SANSPBX_ACCESS_KEY, {
    message: 'the development SansPBX access key must not be used in production',
    path: ['SANSPBX_ACCESS_KEY'],
  });

export type TCarrierSimEnv = z.infer<typeof ZCarrierSimEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TCarrierSimEnv {
  return parseEnv(ZCarrierSimEnvSchema, source);
}
