import { z } from 'zod';

/** Where webhook-ingest listens on a development machine: PUBLIC_WEBHOOK_URL's default there, and only there. */
export const DEV_PUBLIC_WEBHOOK_URL = 'http://127.0.0.1:4001';
/** The carrier simulator's default address: where SIMULATOR agents' calls go in development mode. */
export const DEV_SIMULATOR_URL = 'http://127.0.0.1:4010';

/**
 * `PUBLIC_WEBHOOK_URL`, webhook-ingest's public base URL, without a trailing slash: carriers sign the exact
 * URL they call, so `<base>/twilio/status` must not become `<base>//twilio/status`. `VAR=` means unset.
 */
export const publicWebhookUrl = () =>
  z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional()).transform((url) => url?.replace(/\/+$/, ''));

type PublicWebhookEnv = { DIALWAVE_DEV: boolean; PUBLIC_WEBHOOK_URL?: string | undefined };

/** For a zod `superRefine`: outside development mode carriers must be told a real URL to call back. */
export function requirePublicWebhookUrl(env: PublicWebhookEnv, ctx: z.RefinementCtx): void {
  if (!env.DIALWAVE_DEV && !env.PUBLIC_WEBHOOK_URL) {
    ctx.addIssue({ code: 'custom', path: ['PUBLIC_WEBHOOK_URL'], message: 'is required outside development mode (DIALWAVE_DEV=1)' });
  }
}

/** PUBLIC_WEBHOOK_URL as the service uses it: the local webhook-ingest when unset (development mode only, see above). */
export function publicWebhookUrlOrDevDefault(env: PublicWebhookEnv): string {
  return env.PUBLIC_WEBHOOK_URL ?? DEV_PUBLIC_WEBHOOK_URL;
}

/**
 * Where SIMULATOR agents' calls go: the carrier simulator, in development mode only (TWILIO_API_BASE_URL
 * when it points elsewhere, as launched stacks do); a production deployment has no SIMULATOR provider.
 */
export function devSimulatorUrl(env: { DIALWAVE_DEV: boolean; TWILIO_API_BASE_URL?: string | undefined }): string | undefined {
  return env.DIALWAVE_DEV ? (env.TWILIO_API_BASE_URL ?? DEV_SIMULATOR_URL) : undefined;
}
