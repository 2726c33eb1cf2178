/**
 * What each Dialwave process needs from Kubernetes: its port, its command, the secrets it reads. The env
 * test parses every rendered environment with the service's own zod schema, so a secret missing here (or
 * one a service does not read) fails there.
 */
export type SecretKey =
  | 'DATABASE_URL'
  | 'REDIS_PASSWORD'
  | 'JWT_SECRET'
  | 'TWILIO_ACCOUNT_SID'
  | 'TWILIO_AUTH_TOKEN'
  | 'SANSPBX_CALLBACK_SECRET'
  | 'SANSPBX_ACCESS_TOKEN'
  | 'SANSPBX_ACCESS_KEY'
  | 'AGENT_REPORT_SECRET'
  | 'ADMIN_PASSWORD';

export type ComponentName = 'campaign-api' | 'webhook-ingest' | 'realtime-gateway' | 'dialer-worker' | 'console';

export interface Component {
  name: ComponentName;
  /** app.kubernetes.io/component */
  role: 'api' | 'webhooks' | 'realtime' | 'dialer' | 'console';
  port: number;
  /** The variable the service reads its port from (the console image has none). */
  portEnv?: string;
  /** As docker-compose.yml runs it (a test keeps the two equal); undefined: the image's own entrypoint. */
  command?: string[];
  secrets: SecretKey[];
  /** Read when present: the feature they unlock is off without them. */
  optionalSecrets?: SecretKey[];
  /** Behind the ingress (a preStop pause lets it stop routing before the process stops listening). */
  servesTraffic: boolean;
}

/** Every image holds its compiled entrypoint at dist/main.js (Dockerfile, one target per component). */
const COMPILED = ['node', 'dist/main.js'];
const TWILIO: SecretKey[] = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'];

export const API: Component = {
  name: 'campaign-api',
  role: 'api',
  port: 4000,
  portEnv: 'API_PORT',
  command: COMPILED,
  secrets: ['DATABASE_URL', 'REDIS_PASSWORD', 'JWT_SECRET', ...TWILIO],
  // Bull Board (/admin/queues) is off without it; the ingress never routes it anyway.
  optionalSecrets: ['ADMIN_PASSWORD'],
  servesTraffic: true,
};

export const INGEST: Component = {
  name: 'webhook-ingest',
  role: 'webhooks',
  port: 4001,
  portEnv: 'INGEST_PORT',
  command: COMPILED,
  secrets: ['DATABASE_URL', 'REDIS_PASSWORD', ...TWILIO, 'SANSPBX_CALLBACK_SECRET', 'AGENT_REPORT_SECRET'],
  servesTraffic: true,
};

export const GATEWAY: Component = {
  name: 'realtime-gateway',
  role: 'realtime',
  port: 4002,
  portEnv: 'GATEWAY_PORT',
  command: COMPILED,
  secrets: ['REDIS_PASSWORD', 'JWT_SECRET'],
  servesTraffic: true,
};

export const DIALER: Component = {
  name: 'dialer-worker',
  role: 'dialer',
  port: 4003,
  portEnv: 'DIALER_PORT',
  command: COMPILED,
  // AGENT_REPORT_SECRET: SansPBX calls carry the voice runtime's report URL from the dial on.
  secrets: ['DATABASE_URL', 'REDIS_PASSWORD', ...TWILIO, 'SANSPBX_CALLBACK_SECRET', 'AGENT_REPORT_SECRET'],
  // SansPBX dialing is off without SANSPBX_BASE_URL and these two.
  optionalSecrets: ['SANSPBX_ACCESS_TOKEN', 'SANSPBX_ACCESS_KEY'],
  servesTraffic: false,
};

/** The static build behind a small web server (its image answers /healthz and /readyz itself). */
export const CONSOLE: Component = {
  name: 'console',
  role: 'console',
  port: 8080,
  secrets: [],
  servesTraffic: true,
};

export const NODE_SERVICES = [API, INGEST, GATEWAY, DIALER] as const;

/**
 * Runs `prisma migrate deploy` once per release, before the new Deployments (README, Kubernetes), from the
 * `dialwave/migrate` image: the schema, the migrations of its release and the Prisma CLI, which the
 * services' images do not carry.
 */
export const MIGRATE_IMAGE = 'migrate';
export const MIGRATE_COMMAND = ['node', 'dist/main.js'];
