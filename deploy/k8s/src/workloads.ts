import { createHash } from 'node:crypto';
import { API, CONSOLE, DIALER, GATEWAY, INGEST, MIGRATE_COMMAND, MIGRATE_IMAGE, type Component } from './components';
import type { ConfigMap, Deployment, EnvVar, Job } from './k8s-types';
import { componentEnv, container, image, labels, labelSafe, podSpec, SECRET, selectorLabels } from './pod';
import type { DialwaveValues, ResourceValues } from './values';

/** Each service's main.ts exits by itself this long after its own grace (ShutdownManager.listenForSignals). */
const EXIT_AFTER_GRACE_MS = 10_000;
/** SIGKILL must never come before the process's own deadline. */
const KILL_MARGIN_S = 5;
/** Endpoints and the ingress take a moment to stop routing to a terminating pod; it keeps serving meanwhile. */
const PRE_STOP_SLEEP_S = 5;

/** terminationGracePeriodSeconds that outlasts the pre-stop pause, the process's grace and its exit margin. */
export function terminationGraceSeconds(processGraceMs: number, preStopSeconds: number): number {
  return preStopSeconds + Math.ceil((processGraceMs + EXIT_AFTER_GRACE_MS) / 1000) + KILL_MARGIN_S;
}

interface DeploymentOptions {
  /** Unset when an autoscaler owns the count (a re-apply must not reset it). */
  replicas?: number;
  env?: EnvVar[];
  resources: ResourceValues;
  terminationGracePeriodSeconds: number;
  /** Changes with the ConfigMap, so applying a new configuration rolls the pods that read it. */
  configChecksum?: string;
}

function deployment(component: Component, values: DialwaveValues, options: DeploymentOptions): Deployment {
  const isNode = component.command !== undefined;
  const annotations: Record<string, string> = {
    ...(options.configChecksum ? { 'dialwave.dev/config-checksum': options.configChecksum } : {}),
    ...(isNode ? { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(component.port), 'prometheus.io/path': '/metrics' } : {}),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: component.name, namespace: values.namespace, labels: labels(component.name, component.role, values) },
    spec: {
      ...(options.replicas !== undefined ? { replicas: options.replicas } : {}),
      selector: { matchLabels: selectorLabels(component.name) },
      // A new pod is ready before an old one stops.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: labels(component.name, component.role, values), ...(Object.keys(annotations).length ? { annotations } : {}) },
        spec: podSpec(
          [
            container({
              name: component.name,
              image: image(component.name, values),
              command: component.command,
              config: isNode,
              env: options.env,
              port: component.port,
              resources: options.resources,
              preStopSleepSeconds: component.servesTraffic ? PRE_STOP_SLEEP_S : undefined,
            }),
          ],
          {
            terminationGracePeriodSeconds: options.terminationGracePeriodSeconds,
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'kubernetes.io/hostname',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: { matchLabels: selectorLabels(component.name) },
              },
            ],
          },
        ),
      },
    },
  };
}

export function configChecksum(configMap: ConfigMap): string {
  return createHash('sha256')
    .update(JSON.stringify(configMap.data ?? {}))
    .digest('hex')
    .slice(0, 16);
}

export function deployments(values: DialwaveValues, configMap: ConfigMap): Deployment[] {
  const checksum = configChecksum(configMap);
  const http = { HTTP_SHUTDOWN_GRACE_MS: String(values.httpShutdownGraceMs) };
  const httpGrace = terminationGraceSeconds(values.httpShutdownGraceMs, PRE_STOP_SLEEP_S);
  return [
    deployment(API, values, {
      replicas: values.replicas.api,
      env: componentEnv(API, values, http),
      resources: values.resources.api,
      terminationGracePeriodSeconds: httpGrace,
      configChecksum: checksum,
    }),
    deployment(INGEST, values, {
      replicas: values.replicas.ingest,
      env: componentEnv(INGEST, values, http),
      resources: values.resources.ingest,
      terminationGracePeriodSeconds: httpGrace,
      configChecksum: checksum,
    }),
    // Replicas: the HorizontalPodAutoscaler's.
    deployment(GATEWAY, values, {
      env: componentEnv(GATEWAY, values, http),
      resources: values.resources.gateway,
      terminationGracePeriodSeconds: httpGrace,
      configChecksum: checksum,
    }),
    // Replicas: KEDA's. On SIGTERM live calls get SHUTDOWN_GRACE_MS to end, then are handed to another replica.
    deployment(DIALER, values, {
      env: componentEnv(DIALER, values, {
        DIALER_CONCURRENCY: String(values.dialer.concurrency),
        SHUTDOWN_GRACE_MS: String(values.dialer.shutdownGraceMs),
      }),
      resources: values.resources.dialer,
      terminationGracePeriodSeconds: terminationGraceSeconds(values.dialer.shutdownGraceMs, 0),
      configChecksum: checksum,
    }),
    deployment(CONSOLE, values, {
      replicas: values.replicas.console,
      resources: values.resources.console,
      terminationGracePeriodSeconds: terminationGraceSeconds(0, PRE_STOP_SLEEP_S),
    }),
  ];
}

/**
 * `prisma migrate deploy` once per release: the name carries the image tag, so applying a new release
 * creates a new Job (Jobs are immutable) and re-applying the same one changes nothing. The README applies
 * it and waits for it before the Deployments; finished Jobs are removed after a day.
 */
export function migrationJob(values: DialwaveValues): Job {
  const name = `dialwave-migrate-${labelSafe(values.image.tag)}`;
  const jobLabels = labels('dialwave-migrate', 'migration', values);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: values.namespace, labels: jobLabels },
    spec: {
      backoffLimit: 3,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels: jobLabels },
        spec: podSpec(
          [
            container({
              name: 'migrate',
              image: image(MIGRATE_IMAGE, values),
              command: MIGRATE_COMMAND,
              config: false,
              env: [
                { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: SECRET, key: 'DATABASE_URL' } } },
                // Prisma's update check: nothing to ask from inside a cluster.
                { name: 'CHECKPOINT_DISABLE', value: '1' },
              ],
              resources: values.resources.migrate,
            }),
          ],
          { restartPolicy: 'Never' },
        ),
      },
    },
  };
}
