import { z } from 'zod';

/**
 * Development mode is switched on explicitly with `DIALWAVE_DEV=1` (`pnpm start` and the test launchers
 * do). Everything else is the production posture, whatever NODE_ENV says: a deployment that forgets a
 * variable fails closed instead of running on the public development values below.
 */
export const devModeFlag = z
  .preprocess((value) => (value === '' ? undefined : value), z.enum(['0', '1', 'true', 'false']).optional())
  .transform((value) => value === '1' || value === 'true');

/** How to make a secret; URL-safe, so it also fits in REDIS_URL / DATABASE_URL. */
export const SECRET_RECIPE = 'openssl rand -hex 32';
export const MIN_SECRET_LENGTH = 32;

interface CredentialSpec {
  /** The public value every checkout shares; only development mode may use it. */
  devDefault: string;
  /** Our own secrets must be long; identifiers and keys a provider issues only must not be the public value. */
  minLength: number;
  /** Where a real value comes from, for the error message. */
  source: string;
}

const GENERATE = `generate one with \`${SECRET_RECIPE}\``;

/** The one definition of every development credential and the rule each real value must pass. */
export const CREDENTIALS = {
  JWT_SECRET: { devDefault: 'dialwave-dev-jwt-secret', minLength: MIN_SECRET_LENGTH, source: GENERATE },
  ADMIN_PASSWORD: { devDefault: 'dialwave-dev-admin', minLength: MIN_SECRET_LENGTH, source: GENERATE },
  SANSPBX_CALLBACK_SECRET: { devDefault: 'dialwave-dev-sanspbx-secret', minLength: MIN_SECRET_LENGTH, source: GENERATE },
  AGENT_REPORT_SECRET: { devDefault: 'dialwave-dev-agent-report-secret', minLength: MIN_SECRET_LENGTH, source: GENERATE },
  TWILIO_AUTH_TOKEN: {
    devDefault: 'dialwave-dev-auth-token',
    minLength: MIN_SECRET_LENGTH,
    source: `use your Twilio account's auth token (with the carrier simulator any secret works: ${GENERATE})`,
  },
  TWILIO_ACCOUNT_SID: { devDefault: 'ACdeadbeefdeadbeefdeadbeefdeadbeef', minLength: 0, source: 'use your Twilio account SID (AC…)' },
  SANSPBX_ACCESS_TOKEN: {
    devDefault: 'dialwave-dev-sanspbx-access-token',
    minLength: 0,
    source: "use your SansPBX account's access token",
  },
  SANSPBX_ACCESS_KEY: { devDefault: 'dialwave-dev-sanspbx-access-key', minLength: 0, source: "use your SansPBX account's access key" },
} as const satisfies Record<string, CredentialSpec>;

export type CredentialName = keyof typeof CREDENTIALS;

/** Every development value, including the admin user name, as launchers and tests pass them to services. */
export const DEV_CREDENTIALS = {
  ...(Object.fromEntries(Object.entries(CREDENTIALS).map(([name, spec]) => [name, spec.devDefault])) as {
    [K in CredentialName]: (typeof CREDENTIALS)[K]['devDefault'];
  }),
  ADMIN_USER: 'admin',
} as const;

/** A credential variable: `VAR=` (set but empty, as compose files often leave it) means unset. */
export const credential = () => z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());

/**
 * Why a credential must not be used outside development mode, or undefined when it may. `required: false`
 * is for credentials whose feature is off when they are unset (the admin board, SansPBX dialing).
 */
export function credentialProblem(name: CredentialName, value: string | undefined, devMode: boolean, required = true): string | undefined {
  if (devMode) return undefined;
  const spec: CredentialSpec = CREDENTIALS[name];
  const devHint = 'or set DIALWAVE_DEV=1 on a development machine';
  if (value === undefined) return required ? `is required: ${spec.source} (${devHint})` : undefined;
  if (value === spec.devDefault) return `is the public development value, refused outside development mode: ${spec.source} (${devHint})`;
  if (value.length < spec.minLength) return `is ${value.length} characters long; a secret needs at least ${spec.minLength}: ${spec.source}`;
  return undefined;
}

type CredentialEnv = { DIALWAVE_DEV: boolean } & { [K in CredentialName]?: string | undefined };

/**
 * For a zod `superRefine`: one issue naming each credential that is unset, a development value, or too
 * short, unless development mode is on. `optionalNames` are checked only when set.
 */
export function refuseUnsafeCredentials(
  env: CredentialEnv,
  ctx: z.RefinementCtx,
  names: readonly CredentialName[],
  optionalNames: readonly CredentialName[] = [],
): void {
  for (const name of [...names, ...optionalNames]) {
    const problem = credentialProblem(name, env[name], env.DIALWAVE_DEV, names.includes(name));
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
  }
}

/**
 * Fills unset credentials: with the development value in development mode, with '' otherwise (reached only
 * for credentials whose feature is off, refuseUnsafeCredentials having refused every required one), so a
 * development value never leaves a development machine.
 */
export function withCredentialDefaults<E extends CredentialEnv, K extends CredentialName>(
  env: E,
  names: readonly K[],
): Omit<E, K> & Record<K, string> {
  const filled = Object.fromEntries(names.map((name) => [name, env[name] ?? (env.DIALWAVE_DEV ? CREDENTIALS[name].devDefault : '')]));
  return { ...env, ...filled } as Omit<E, K> & Record<K, string>;
}
