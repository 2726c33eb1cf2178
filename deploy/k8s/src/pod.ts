import type { Component, SecretKey } from './components';
import type { Container, EnvVar, PodSpec, Probe } from './k8s-types';
import type { DialwaveValues, ResourceValues } from './values';

export const CONFIG_MAP = 'dialwave-config';
export const SECRET = 'dialwave-secrets';
/** The `node` user of the official Node images the Dockerfile builds on. */
const NODE_UID = 1000;

export function selectorLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'dialwave' };
}

/** Selector labels plus the ones that may change between releases (never in a selector: those are immutable). */
export function labels(name: string, role: string, values: DialwaveValues): Record<string, string> {
  return { ...selectorLabels(name), 'app.kubernetes.io/component': role, 'app.kubernetes.io/version': labelValue(values.image.tag) };
}

/** A label value: alphanumerics, `-`, `_` and `.`, 63 characters at most, alphanumeric at both ends. */
function labelValue(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/** A tag as part of a name: lowercase alphanumerics and dashes, 40 characters at most. */
export function labelSafe(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'untagged'
  );
}

export function image(name: string, values: DialwaveValues): string {
  return `${values.image.repository}/${name}:${values.image.tag}`;
}

function secretEnv(key: SecretKey, optional: boolean): EnvVar {
  return { name: key, valueFrom: { secretKeyRef: { name: SECRET, key, ...(optional ? { optional: true } : {}) } } };
}

/**
 * The component's secrets (only the ones it reads), then what is built from them. Kubernetes expands
 * `$(REDIS_PASSWORD)` from the variable defined above it, so the password lives in the Secret alone.
 */
export function componentEnv(component: Component, values: DialwaveValues, extra: Record<string, string> = {}): EnvVar[] {
  const env = [
    ...component.secrets.map((key) => secretEnv(key, false)),
    ...(component.optionalSecrets ?? []).map((key) => secretEnv(key, true)),
  ];
  if (component.secrets.includes('REDIS_PASSWORD')) {
    env.push({ name: 'REDIS_URL', value: `${values.redis.tls ? 'rediss' : 'redis'}://:$(REDIS_PASSWORD)@${values.redis.address}` });
  }
  if (component.portEnv) env.push({ name: component.portEnv, value: String(component.port) });
  for (const [name, value] of Object.entries(extra)) env.push({ name, value });
  return env;
}

function httpGet(path: string, periodSeconds: number, failureThreshold: number): Probe {
  return { httpGet: { path, port: 'http' }, periodSeconds, timeoutSeconds: 3, failureThreshold };
}

export interface ContainerOptions {
  name: string;
  image: string;
  command?: string[];
  /** Reads the shared ConfigMap (the Node services and the migration; the console reads nothing). */
  config: boolean;
  env?: EnvVar[];
  port?: number;
  resources: ResourceValues;
  /** Seconds to keep serving after SIGTERM is decided, so the ingress stops routing here first. */
  preStopSleepSeconds?: number;
}

/**
 * Non-root, read-only root filesystem, no capabilities. /tmp is the one writable place (Prisma's temporary
 * files). Liveness asks `/healthz` only, so a Redis or Postgres outage makes pods
 * unready (no traffic) without restarting them; `/readyz` checks those dependencies.
 */
export function container(options: ContainerOptions): Container {
  const { port } = options;
  return {
    name: options.name,
    image: options.image,
    ...(options.command ? { command: options.command } : {}),
    ...(options.config ? { envFrom: [{ configMapRef: { name: CONFIG_MAP } }] } : {}),
    ...(options.env?.length ? { env: options.env } : {}),
    ...(port
      ? {
          ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
          // Up to 2 minutes to boot: a compiled service answers within seconds (docs/images.md), but a
          // node starting many pods at once, or a slow first Redis/Postgres connection, may take far longer.
          startupProbe: httpGet('/healthz', 2, 60),
          readinessProbe: httpGet('/readyz', 5, 2),
          livenessProbe: httpGet('/healthz', 10, 3),
        }
      : {}),
    ...(options.preStopSleepSeconds ? { lifecycle: { preStop: { sleep: { seconds: options.preStopSleepSeconds } } } } : {}),
    resources: options.resources,
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
}

export function podSpec(containers: Container[], extra: Partial<PodSpec> = {}): PodSpec {
  return {
    // No Dialwave process talks to the Kubernetes API.
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: NODE_UID, runAsGroup: NODE_UID, seccompProfile: { type: 'RuntimeDefault' } },
    containers,
    volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }],
    ...extra,
  };
}
