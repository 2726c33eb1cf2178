/**
 * Every deployment choice in one object, as a Helm chart's values would hold them. The committed YAML in
 * deploy/k8s/ is this object rendered with its defaults; `pnpm k8s:synth --values mine.yaml --out dir`
 * renders it with your overrides merged in (objects merge key by key, everything else replaces).
 */
export interface ResourceValues {
  requests: { cpu: string; memory: string };
  /** Memory only: a CPU limit throttles Node's event loop long before the node runs out of CPU. */
  limits: { memory: string };
}

export interface DialwaveValues {
  namespace: string;
  image: {
    /** Images are `<repository>/<component>:<tag>`, e.g. `dialwave/campaign-api:0.1.0`. */
    repository: string;
    tag: string;
    pullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  };
  hosts: {
    /** The console, `/api` and `/socket.io`. */
    app: string;
    /** Carrier callbacks only; PUBLIC_WEBHOOK_URL is `https://<webhooks>`. */
    webhooks: string;
  };
  ingress: {
    className: string;
    /** A kubernetes.io/tls Secret for both hosts (cert-manager or your own). */
    tlsSecretName: string;
    annotations: Record<string, string>;
  };
  /** External (managed) Redis: AOF on, `requirepass` set, `maxmemory-policy noeviction` (BullMQ). */
  redis: { address: string; tls: boolean };
  /** Settings every service reads from the ConfigMap (see the README's configuration table). */
  config: Record<string, string>;
  replicas: { api: number; ingest: number; console: number };
  gateway: { minReplicas: number; maxReplicas: number; targetCpuUtilization: number };
  dialer: {
    /** DIALER_CONCURRENCY: live calls one replica holds (a dial job stays active for its whole call). */
    concurrency: number;
    /** SHUTDOWN_GRACE_MS: how long live calls may finish on SIGTERM before they are handed to another replica. */
    shutdownGraceMs: number;
    minReplicas: number;
    maxReplicas: number;
  };
  /** HTTP_SHUTDOWN_GRACE_MS of api, ingest and gateway. */
  httpShutdownGraceMs: number;
  resources: Record<'api' | 'ingest' | 'gateway' | 'dialer' | 'console' | 'migrate', ResourceValues>;
}

const nodeService = (cpu: string, memory: string, limit: string): ResourceValues => ({
  requests: { cpu, memory },
  limits: { memory: limit },
});

export const defaultValues: DialwaveValues = {
  namespace: 'dialwave',
  image: { repository: 'dialwave', tag: '0.1.0', pullPolicy: 'IfNotPresent' },
  hosts: { app: 'dialwave.example.com', webhooks: 'hooks.dialwave.example.com' },
  ingress: {
    className: 'nginx',
    tlsSecretName: 'dialwave-tls',
    annotations: {
      // CSV imports: IMPORT_MAX_ROWS × 400 bytes (40 MB at the default); nginx's own default is 1 MB.
      'nginx.ingress.kubernetes.io/proxy-body-size': '48m',
      // socket.io pings every 25 s, so a websocket is never idle for long; these only bound a slow request.
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '120',
      'nginx.ingress.kubernetes.io/proxy-send-timeout': '120',
    },
  },
  redis: { address: 'redis.example.internal:6379', tls: false },
  config: {
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: 'dialwave',
    DATABASE_POOL_SIZE: '4',
    DEFAULT_PHONE_REGION: 'US',
    DIAL_ALLOWED_COUNTRIES: '',
    IMPORT_MAX_ROWS: '100000',
    // Twilio's default account limit; set it to your carrier's calls per second.
    PROVIDER_CPS: '1',
    // Dialing limits: the API and every dialer read the same values from here.
    TENANT_MAX_CONCURRENT_CALLS: '50',
    MAX_CALLS_PER_NUMBER_PER_DAY: '3',
    // Calling hours of campaigns created without their own, e.g. "1-7 09:00-20:00"; empty: any hour.
    DEFAULT_CALLING_WINDOWS: '',
    // The ingress controller's pods (and a cloud load balancer before them) have private addresses.
    TRUST_PROXY: 'loopback,uniquelocal',
    SIGNUP_MODE: 'closed',
    ADMIN_USER: 'admin',
  },
  replicas: { api: 2, ingest: 2, console: 2 },
  gateway: { minReplicas: 2, maxReplicas: 10, targetCpuUtilization: 70 },
  dialer: { concurrency: 5, shutdownGraceMs: 25_000, minReplicas: 2, maxReplicas: 20 },
  httpShutdownGraceMs: 10_000,
  // Measured at rest under tsx (README, Kubernetes): api 254 MB, ingest 250 MB, gateway 117 MB, dialer 270 MB.
  resources: {
    api: nodeService('100m', '320Mi', '768Mi'),
    ingest: nodeService('100m', '320Mi', '512Mi'),
    gateway: nodeService('100m', '160Mi', '384Mi'),
    dialer: nodeService('100m', '320Mi', '640Mi'),
    console: nodeService('10m', '32Mi', '64Mi'),
    migrate: nodeService('100m', '256Mi', '512Mi'),
  },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends Record<string, unknown> ? DeepPartial<T[K]> : T[K] };

/** Overrides merged into the defaults: plain objects key by key, anything else (arrays, scalars) replaces. */
export function mergeValues<T>(base: T, overrides: DeepPartial<T> | undefined): T {
  if (overrides === undefined) return base;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides as Record<string, unknown>)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
  }
  return merged as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
