import { z } from 'zod';
import { credential, devModeFlag, parseEnv, port, refuseUnsafeCredentials, withCredentialDefaults } from '@dialwave/platform';
import { OWNED_NUMBER_ENTRY, parseOwnedNumbers } from './numbers/owned-numbers';
import { DEFAULT_INBOUND_MAX_WAIT_SECONDS, DEFAULT_OWNED_NUMBERS, DEFAULT_SANSPBX_TOKEN_TTL_SECONDS } from './sim-config';

const CREDENTIAL_NAMES = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'SANSPBX_ACCESS_TOKEN', 'SANSPBX_ACCESS_KEY'] as const;

const rate = z.coerce.number().min(0).max(1).default(0);

/** Comma-separated E.164 numbers or `+prefix*` ranges; unset or empty (compose's `VAR=`) keeps the default. */
const numberList = (fallback: string[]) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? fallback : parseOwnedNumbers(value)))
    .refine(
      (entries) => entries.every((entry) => OWNED_NUMBER_ENTRY.test(entry)),
      'must be E.164 numbers or +prefix* ranges, comma-separated (e.g. +15005550006,+1415555*)',
    );

export const ZCarrierSimEnvSchema = z
  .object({
    /** A development tool, but it reads the same variables under the same rules as the services it signs for. */
    DIALWAVE_DEV: devModeFlag,
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SIM_PORT: port(4010),
    SIM_TIME_SCALE: z.coerce.number().positive().default(1),
    SIM_DUPLICATE_RATE: rate,
    SIM_REORDER_RATE: rate,
    SIM_DROP_RATE: rate,
    /** Share of the simulated voice runtime's end-of-call reports that are never posted. */
    SIM_REPORT_DROP_RATE: rate,
    /** Base URL inbound calls are announced to (`<base>/twilio/incoming`); falls back to PUBLIC_WEBHOOK_URL. */
    SIM_INBOUND_WEBHOOK_URL: z.string().url().optional(),
    PUBLIC_WEBHOOK_URL: z.string().url().optional(),
    /** The number's status callback for inbound calls; default `<inbound webhook base>/twilio/status`. */
    SIM_INBOUND_STATUS_CALLBACK_URL: z.string().url().optional(),
    /** Nominal seconds an inbound caller waits in the queue before hanging up (scaled like every wait). */
    SIM_INBOUND_MAX_WAIT_S: z.coerce.number().positive().default(DEFAULT_INBOUND_MAX_WAIT_SECONDS),
    SANSPBX_ACCESS_TOKEN: credential(),
    SANSPBX_ACCESS_KEY: credential(),
    /** Real seconds (not scaled) an Apitoken from gentoken stays valid. */
    SIM_SANSPBX_TOKEN_TTL_S: z.coerce.number().positive().default(DEFAULT_SANSPBX_TOKEN_TTL_SECONDS),
    TWILIO_ACCOUNT_SID: credential().refine((sid) => sid === undefined || sid.startsWith('AC'), 'must start with AC'),
    TWILIO_AUTH_TOKEN: credential(),
    /** The simulated account's own numbers (its IncomingPhoneNumbers list): what a Twilio agent may call from. */
    SIM_OWNED_NUMBERS: numberList(DEFAULT_OWNED_NUMBERS),
    /** Numbers verified as caller ids on the simulated account (its OutgoingCallerIds list). */
    SIM_VERIFIED_CALLER_IDS: numberList([]),
  })
  .superRefine((env, ctx) => refuseUnsafeCredentials(env, ctx, CREDENTIAL_NAMES))
  .transform((env) => withCredentialDefaults(env, CREDENTIAL_NAMES));

export type TCarrierSimEnv = z.infer<typeof ZCarrierSimEnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TCarrierSimEnv {
  return parseEnv(ZCarrierSimEnvSchema, source);
}
