export interface StartConfig {
  redisUrl: string;
  databaseUrl: string;
  queuePrefix: string;
  ports: { api: number; ingest: number; gateway: number; dialer: number; sim: number; console: number };
  /** Address the console binds (127.0.0.1 unless it should be reachable from other machines). */
  consoleHost: string;
  simTimeScale: number;
  /** Dialer-worker processes `pnpm start` runs (a deployment scales them the same way). */
  dialerReplicas: number;
  /** `pretty` prints one short line per log event; `json` prints pino's lines as they are. */
  logFormat: 'pretty' | 'json';
}

/** What `pnpm start` reads from the environment; a wrong value stops it with one line naming the variable. */
export function readStartConfig(env: NodeJS.ProcessEnv): StartConfig {
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`${name}=${raw} must be a whole number from ${min} to ${max}`);
    return value;
  };
  const simTimeScale = Number(env.SIM_TIME_SCALE ?? 1);
  if (!(simTimeScale > 0)) throw new Error(`SIM_TIME_SCALE=${env.SIM_TIME_SCALE} must be a positive number`);
  const logFormat = env.START_LOG_FORMAT ?? 'pretty';
  if (logFormat !== 'pretty' && logFormat !== 'json') throw new Error(`START_LOG_FORMAT=${logFormat} must be pretty or json`);
  return {
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    databaseUrl: env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/dialwave',
    queuePrefix: env.QUEUE_PREFIX || 'dialwave',
    ports: {
      api: int('API_PORT', 4000, 1, 65535),
      ingest: int('INGEST_PORT', 4001, 1, 65535),
      gateway: int('GATEWAY_PORT', 4002, 1, 65535),
      dialer: int('DIALER_PORT', 4003, 1, 65535),
      sim: int('SIM_PORT', 4010, 1, 65535),
      console: int('CONSOLE_PORT', 5173, 1, 65535),
    },
    consoleHost: env.CONSOLE_HOST || '127.0.0.1',
    simTimeScale,
    dialerReplicas: int('DIALER_REPLICAS', 2, 1, 16),
    logFormat,
  };
}

/**
 * Service variables a developer may set in the shell (or .env) that must win over the launcher's
 * development defaults.
 */
export const PASS_THROUGH_VARIABLES = [
  'LOG_LEVEL',
  'JWT_SECRET',
  'ADMIN_USER',
  'ADMIN_PASSWORD',
  'ADMIN_BOARD_WRITE',
  'SIGNUP_MODE',
  'TRUST_PROXY',
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TWILIO_API_BASE_URL',
  'PUBLIC_WEBHOOK_URL',
  'SANSPBX_CALLBACK_SECRET',
  'AGENT_REPORT_SECRET',
  'SANSPBX_BASE_URL',
  'DIALER_CONCURRENCY',
  'PROVIDER_CPS',
  'RING_TIMEOUT_S',
  'MAX_CALL_S',
  'SWEEP_INTERVAL_MS',
  'DEFAULT_PHONE_REGION',
  'SIM_DUPLICATE_RATE',
  'SIM_REORDER_RATE',
  'SIM_DROP_RATE',
  'SIM_REPORT_DROP_RATE',
] as const;

export function passThroughEnv(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(PASS_THROUGH_VARIABLES.flatMap((name) => (source[name] ? [[name, source[name] as string]] : [])));
}
