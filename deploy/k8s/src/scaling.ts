import { QUEUE_NAMES } from '@dialwave/contracts';
import { API, CONSOLE, DIALER, GATEWAY, INGEST } from './components';
import type { HorizontalPodAutoscaler, PodDisruptionBudget, ScaledObject, TriggerAuthentication } from './k8s-types';
import { SECRET, selectorLabels } from './pod';
import type { DialwaveValues } from './values';

/**
 * One pod of each at a time during node drains. A drained dialer hands its live calls to another replica
 * (SHUTDOWN_GRACE_MS, then the hand-over), so no call is lost either way.
 */
export function disruptionBudgets(values: DialwaveValues): PodDisruptionBudget[] {
  return [API, INGEST, GATEWAY, DIALER, CONSOLE].map((component) => ({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: component.name, namespace: values.namespace },
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(component.name) } },
  }));
}

/** The gateway's work is forwarding events to sockets: CPU is the measure of it. */
export function gatewayAutoscaler(values: DialwaveValues): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: GATEWAY.name, namespace: values.namespace },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: GATEWAY.name },
      minReplicas: values.gateway.minReplicas,
      maxReplicas: values.gateway.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: values.gateway.targetCpuUtilization } },
        },
      ],
      // Sockets stay on the pod they opened on: shed pods slowly, their clients reconnect elsewhere.
      behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
    },
  };
}

/** BullMQ keeps a queue's waiting and active jobs in the Redis lists `<prefix>:<queue>:wait` / `:active`. */
export function bullmqListKey(prefix: string, queue: string, state: 'wait' | 'active'): string {
  return `${prefix}:${queue}:${state}`;
}

const REDIS_AUTH = 'dialwave-redis';

export function redisTriggerAuthentication(values: DialwaveValues): TriggerAuthentication {
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'TriggerAuthentication',
    metadata: { name: REDIS_AUTH, namespace: values.namespace },
    spec: { secretTargetRef: [{ parameter: 'password', name: SECRET, key: 'REDIS_PASSWORD' }] },
  };
}

/**
 * Dialers scale on the dial backlog. A dial job stays active for its whole call, so one replica holds
 * DIALER_CONCURRENCY live calls, and the calls wanted now are the waiting plus the active jobs (the hopper
 * keeps each campaign's share of both at its maxConcurrentCalls). KEDA reads both lists and its scaling
 * modifier adds them: replicas = ceil((wait + active) / DIALER_CONCURRENCY), within min and max.
 * (Two separate triggers would take the larger of the two, never scaling while every slot is busy.)
 */
export function dialerScaledObject(values: DialwaveValues): ScaledObject {
  const prefix = values.config.QUEUE_PREFIX ?? 'dialwave';
  const perReplica = String(values.dialer.concurrency);
  const trigger = (state: 'wait' | 'active') => ({
    type: 'redis',
    name: state,
    authenticationRef: { name: REDIS_AUTH },
    metadata: {
      address: values.redis.address,
      enableTLS: String(values.redis.tls),
      listName: bullmqListKey(prefix, QUEUE_NAMES.dial, state),
      listLength: perReplica,
    },
  });
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: DIALER.name, namespace: values.namespace },
    spec: {
      scaleTargetRef: { name: DIALER.name },
      // Never zero: the dialers also run the sweep that starts scheduled campaigns and reconciles calls.
      minReplicaCount: values.dialer.minReplicas,
      maxReplicaCount: values.dialer.maxReplicas,
      pollingInterval: 10,
      advanced: {
        scalingModifiers: { formula: 'wait + active', target: perReplica, metricType: 'AverageValue' },
        horizontalPodAutoscalerConfig: {
          behavior: {
            scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
            // A removed dialer hands its live calls over: remove them one a minute.
            scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
          },
        },
      },
      triggers: [trigger('wait'), trigger('active')],
    },
  };
}
