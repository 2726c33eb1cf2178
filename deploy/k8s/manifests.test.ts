import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CREDENTIALS } from '@dialwave/platform';
import { ZApiEnvSchema } from '@dialwave/campaign-api/src/env';
import { ZIngestEnvSchema } from '@dialwave/webhook-ingest/src/env';
import { ZGatewayEnvSchema } from '@dialwave/realtime-gateway/src/env';
import { ZDialerEnvSchema } from '@dialwave/dialer-worker/src/env';
import { API, CONSOLE, DIALER, GATEWAY, INGEST, MIGRATE_COMMAND, MIGRATE_IMAGE, NODE_SERVICES, type ComponentName } from './src/components';
import type {
  ConfigMap,
  Container,
  Deployment,
  EnvVar,
  HorizontalPodAutoscaler,
  Ingress,
  Job,
  PodDisruptionBudget,
  ScaledObject,
  Secret,
  Service,
} from './src/k8s-types';
import { renderManifests, toYaml } from './src/render';
import { defaultValues } from './src/values';

const REPO_ROOT = join(__dirname, '..', '..');
const files = renderManifests(defaultValues);
const applied = Object.entries(files)
  .filter(([file]) => !file.startsWith('examples/'))
  .flatMap(([, objects]) => objects);
const all = Object.values(files).flat();

const ofKind = <T>(kind: string) => applied.filter((object) => object.kind === kind) as unknown as T[];
const deployments = ofKind<Deployment>('Deployment');
const configMap = ofKind<ConfigMap>('ConfigMap')[0]!;
const exampleSecret = files['examples/secret.yaml']![0] as unknown as Secret;
const migration = ofKind<Job>('Job')[0]!;

const deploymentNamed = (name: string) => deployments.find((d) => d.metadata?.name === name);
const containerOf = (d: Deployment): Container => d.spec!.template.spec!.containers[0]!;
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels?.[key] === value);
const deploymentsSelectedBy = (selector: Record<string, string> | undefined) =>
  deployments.filter((d) => matches(selector, d.spec!.template.metadata?.labels));

/** Placeholders that pass every secret rule: ≥ 32 characters, URLs where a URL is wanted. */
function validSecret(key: string): string {
  if (key === 'DATABASE_URL') return `postgresql://dialwave:${'p'.repeat(40)}@postgres.internal:5432/dialwave?sslmode=require`;
  if (key === 'TWILIO_ACCOUNT_SID') return `AC${'0123456789abcdef'.repeat(2)}`;
  return `${key.toLowerCase()}-${'7'.repeat(40)}`;
}

/**
 * The environment the kubelet would give the container: the ConfigMap (envFrom), then `env` in order, with
 * `$(VAR)` expanded from what is defined above, and secrets from `secretValue` (undefined: the key is absent).
 */
function renderedEnv(container: Container, secretValue: (key: string) => string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    expect(source.configMapRef?.name).toBe(configMap.metadata?.name);
    Object.assign(env, configMap.data);
  }
  for (const variable of container.env ?? ([] as EnvVar[])) {
    const ref = variable.valueFrom?.secretKeyRef;
    if (ref) {
      const value = secretValue(ref.key);
      if (value !== undefined) env[variable.name] = value;
      else expect({ variable: variable.name, optional: ref.optional }).toEqual({ variable: variable.name, optional: true });
      continue;
    }
    env[variable.name] = (variable.value ?? '').replace(/\$\((\w+)\)/g, (whole, name: string) => env[name] ?? whole);
  }
  return env;
}

/** What the test needs of a service's zod env schema. */
interface EnvSchema {
  safeParse(env: unknown): { success: boolean; data?: unknown; error?: { issues: unknown[] } };
  parse(env: unknown): unknown;
}

const SCHEMAS: Record<Exclude<ComponentName, 'console'>, EnvSchema> = {
  'campaign-api': ZApiEnvSchema,
  'webhook-ingest': ZIngestEnvSchema,
  'realtime-gateway': ZGatewayEnvSchema,
  'dialer-worker': ZDialerEnvSchema,
};

describe('deploy/k8s', () => {
  it('holds exactly what `pnpm k8s:synth` renders from the default values', () => {
    for (const [file, objects] of Object.entries(files)) {
      const path = join(__dirname, file);
      expect({ file, exists: existsSync(path) }).toEqual({ file, exists: true });
      expect({ file, text: readFileSync(path, 'utf8') }).toEqual({ file, text: toYaml(objects) });
    }
    const committed = readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.yaml'));
    expect(committed.sort()).toEqual(Object.keys(files).sort());
  });

  it('runs every service and the console, each from its own dialwave/<name> image', () => {
    expect(deployments.map((d) => d.metadata?.name).sort()).toEqual([API, CONSOLE, DIALER, GATEWAY, INGEST].map((c) => c.name).sort());
    for (const d of deployments) {
      expect(containerOf(d).image).toBe(`dialwave/${d.metadata!.name}:${defaultValues.image.tag}`);
      expect(d.spec!.selector.matchLabels).toEqual(expect.objectContaining({ 'app.kubernetes.io/name': d.metadata!.name }));
      expect(matches(d.spec!.selector.matchLabels, d.spec!.template.metadata?.labels)).toBe(true);
    }
  });

  it('names every object as Kubernetes requires (DNS-1123 labels)', () => {
    for (const object of all) expect(object.metadata?.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
  });

  it('probes readiness on /readyz and liveness on /healthz at a port the container exposes', () => {
    for (const d of deployments) {
      const container = containerOf(d);
      const ports = new Map((container.ports ?? []).map((port) => [port.name, port.containerPort]));
      expect({
        name: d.metadata!.name,
        readiness: container.readinessProbe?.httpGet?.path,
        liveness: container.livenessProbe?.httpGet?.path,
      }).toEqual({
        name: d.metadata!.name,
        readiness: '/readyz',
        liveness: '/healthz',
      });
      for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
        expect(ports.has(String(probe?.httpGet?.port))).toBe(true);
      }
    }
  });

  it('runs every pod as non-root on a read-only root filesystem with no capabilities or API token', () => {
    for (const pod of [...deployments.map((d) => d.spec!.template.spec!), migration.spec!.template.spec!]) {
      expect(pod.securityContext).toEqual(expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }));
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of pod.containers) {
        expect(container.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
        expect(container.resources?.limits?.memory).toEqual(expect.any(String));
      }
    }
  });

  it('gives every Service, budget and autoscaler a target that exists', () => {
    for (const service of ofKind<Service>('Service')) {
      const [target, ...others] = deploymentsSelectedBy(service.spec?.selector);
      expect({ service: service.metadata?.name, selected: others.length === 0 ? target?.metadata?.name : 'several' }).toEqual({
        service: service.metadata?.name,
        selected: service.metadata?.name,
      });
      const portNames = (containerOf(target!).ports ?? []).map((port) => port.name);
      for (const port of service.spec?.ports ?? []) expect(portNames).toContain(port.targetPort);
    }
    for (const budget of ofKind<PodDisruptionBudget>('PodDisruptionBudget'))
      expect(deploymentsSelectedBy(budget.spec?.selector?.matchLabels)).toHaveLength(1);
    expect(ofKind<PodDisruptionBudget>('PodDisruptionBudget')).toHaveLength(deployments.length);

    const services = new Map(ofKind<Service>('Service').map((service) => [service.metadata?.name, service]));
    for (const ingress of ofKind<Ingress>('Ingress')) {
      for (const path of ingress.spec?.rules?.flatMap((rule) => rule.http?.paths ?? []) ?? []) {
        const service = services.get(path.backend.service?.name);
        expect(service?.spec?.ports?.map((port) => port.name)).toContain(path.backend.service?.port?.name);
      }
    }

    // An autoscaler owns its Deployment's replica count, so the Deployment must not set one (a re-apply would reset it).
    const gatewayHpa = ofKind<HorizontalPodAutoscaler>('HorizontalPodAutoscaler');
    const dialerScaler = ofKind<ScaledObject>('ScaledObject');
    expect(gatewayHpa.map((hpa) => hpa.spec?.scaleTargetRef.name)).toEqual([GATEWAY.name]);
    expect(dialerScaler.map((scaler) => scaler.spec.scaleTargetRef.name)).toEqual([DIALER.name]);
    expect(deploymentNamed(GATEWAY.name)?.spec?.replicas).toBeUndefined();
    expect(deploymentNamed(DIALER.name)?.spec?.replicas).toBeUndefined();
  });

  it('exposes only the console, /api, /socket.io and the carrier callback paths', () => {
    const routes = ofKind<Ingress>('Ingress').flatMap((ingress) =>
      (ingress.spec?.rules ?? []).flatMap((rule) =>
        (rule.http?.paths ?? []).map((path) => `${rule.host}${path.path} -> ${path.backend.service?.name}`),
      ),
    );
    expect(routes.sort()).toEqual(
      [
        'dialwave.example.com/ -> console',
        'dialwave.example.com/api -> campaign-api',
        'dialwave.example.com/socket.io -> realtime-gateway',
        'hooks.dialwave.example.com/agent -> webhook-ingest',
        'hooks.dialwave.example.com/sanspbx -> webhook-ingest',
        'hooks.dialwave.example.com/twilio -> webhook-ingest',
      ].sort(),
    );
    for (const service of ofKind<Service>('Service')) expect(service.spec?.type).toBe('ClusterIP');
  });

  it.each(NODE_SERVICES.map((component) => [component.name, component] as const))(
    'gives %s every variable its own env schema requires, in production mode, and only the secrets it reads',
    (name, component) => {
      const container = containerOf(deploymentNamed(name)!);
      const schema = SCHEMAS[name as keyof typeof SCHEMAS];
      const env = renderedEnv(container, validSecret);
      const parsed = schema.safeParse(env);
      expect(parsed.error?.issues ?? []).toEqual([]);
      const result = parsed.data as Record<string, unknown>;
      expect(result.DIALWAVE_DEV).toBe(false);
      expect(result.REDIS_URL).toBe(`redis://:${validSecret('REDIS_PASSWORD')}@${defaultValues.redis.address}`);
      expect(result[component.portEnv!]).toBe(component.port);
      // Least privilege: a secret the schema does not read is not mounted.
      for (const key of [...component.secrets, ...(component.optionalSecrets ?? [])]) {
        if (key !== 'REDIS_PASSWORD') expect({ key, read: key in result }).toEqual({ key, read: true });
      }
      // Optional secrets may be absent from the Secret.
      const optional = new Set<string>(component.optionalSecrets ?? []);
      expect(schema.safeParse(renderedEnv(container, (key) => (optional.has(key) ? undefined : validSecret(key)))).success).toBe(true);
      // The example Secret's placeholders never pass: applying it by mistake starts nothing.
      const placeholders = exampleSecret.stringData ?? {};
      expect(schema.safeParse(renderedEnv(container, (key) => placeholders[key])).success).toBe(false);
    },
  );

  it('reads every ConfigMap setting in at least one service', () => {
    const known = new Set(
      NODE_SERVICES.flatMap((component) => {
        const parsed = SCHEMAS[component.name as keyof typeof SCHEMAS].parse(
          renderedEnv(containerOf(deploymentNamed(component.name)!), validSecret),
        );
        return Object.keys(parsed as Record<string, unknown>);
      }),
    );
    for (const key of Object.keys(configMap.data ?? {})) expect({ key, read: known.has(key) }).toEqual({ key, read: true });
  });

  it('lists in the example Secret exactly the keys the pods reference', () => {
    const referenced = new Set(
      [...deployments.map(containerOf), ...migration.spec!.template.spec!.containers].flatMap((container) =>
        (container.env ?? []).flatMap((variable) => (variable.valueFrom?.secretKeyRef ? [variable.valueFrom.secretKeyRef.key] : [])),
      ),
    );
    expect(Object.keys(exampleSecret.stringData ?? {}).sort()).toEqual([...referenced].sort());
  });

  it('carries no development mode, development secret or carrier simulator', () => {
    const text = applied.map((object) => JSON.stringify(object)).join('\n');
    expect(text).not.toMatch(/DIALWAVE_DEV|SEED_DEMO|carrier-sim|simulator|TWILIO_API_BASE_URL|SANSPBX_BASE_URL|NODE_ENV|:4010/i);
    for (const [name, spec] of Object.entries(CREDENTIALS))
      expect({ name, found: text.includes(spec.devDefault) }).toEqual({ name, found: false });
    expect(text).not.toContain('dialwave-dev-');
  });

  it('lets each process finish its graceful shutdown before Kubernetes kills it', () => {
    // main.ts: ShutdownManager.listenForSignals(grace + 10_000) exits by itself at the latest then.
    const exitAfterMs = (grace: number) => grace + 10_000;
    for (const component of NODE_SERVICES) {
      const d = deploymentNamed(component.name)!;
      const parsed = SCHEMAS[component.name as keyof typeof SCHEMAS].parse(renderedEnv(containerOf(d), validSecret)) as Record<
        string,
        number
      >;
      const graceMs = component === DIALER ? parsed.SHUTDOWN_GRACE_MS! : parsed.HTTP_SHUTDOWN_GRACE_MS!;
      const preStopMs = (containerOf(d).lifecycle?.preStop?.sleep?.seconds ?? 0) * 1000;
      expect(d.spec!.template.spec!.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(preStopMs + exitAfterMs(graceMs));
    }
    expect(deploymentNamed(DIALER.name)!.spec!.template.spec!.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(
      defaultValues.dialer.shutdownGraceMs,
    );
  });

  it('runs the same images and commands as docker-compose.yml, the migration included', () => {
    const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { command?: string[]; image?: string }>;
    };
    for (const component of NODE_SERVICES)
      expect({ name: component.name, command: component.command }).toEqual({
        name: component.name,
        command: compose.services[component.name]?.command,
      });
    expect(compose.services.migrate?.command).toEqual(MIGRATE_COMMAND);
    expect(migration.spec!.template.spec!.containers[0]!.command).toEqual(MIGRATE_COMMAND);
    expect(compose.services.migrate?.image).toBe(`dialwave/${MIGRATE_IMAGE}:\${DIALWAVE_TAG:-latest}`);
    expect(migration.spec!.template.spec!.containers[0]!.image).toBe(`dialwave/${MIGRATE_IMAGE}:${defaultValues.image.tag}`);
    for (const component of [...NODE_SERVICES, CONSOLE])
      expect(compose.services[component.name]?.image).toBe(`dialwave/${component.name}:\${DIALWAVE_TAG:-latest}`);
  });
});
