/**
 * The Kubernetes and KEDA object types, from the same models the schema test validates against. Types only:
 * the packages are ES modules, and typing every object literal makes tsc refuse a misspelt field (the
 * upstream schemas allow unknown fields, so validation alone would not).
 */
export type { IContainer as Container } from 'kubernetes-models/v1/Container' with { 'resolution-mode': 'import' };
export type { IEnvVar as EnvVar } from 'kubernetes-models/v1/EnvVar' with { 'resolution-mode': 'import' };
export type { IPodSpec as PodSpec } from 'kubernetes-models/v1/PodSpec' with { 'resolution-mode': 'import' };
export type { IProbe as Probe } from 'kubernetes-models/v1/Probe' with { 'resolution-mode': 'import' };
export type { IService as Service } from 'kubernetes-models/v1/Service' with { 'resolution-mode': 'import' };
export type { IConfigMap as ConfigMap } from 'kubernetes-models/v1/ConfigMap' with { 'resolution-mode': 'import' };
export type { ISecret as Secret } from 'kubernetes-models/v1/Secret' with { 'resolution-mode': 'import' };
export type { INamespace as Namespace } from 'kubernetes-models/v1/Namespace' with { 'resolution-mode': 'import' };
export type { IDeployment as Deployment } from 'kubernetes-models/apps/v1/Deployment' with { 'resolution-mode': 'import' };
export type { IJob as Job } from 'kubernetes-models/batch/v1/Job' with { 'resolution-mode': 'import' };
export type { IIngress as Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress' with { 'resolution-mode': 'import' };
export type { IPodDisruptionBudget as PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget' with {
  'resolution-mode': 'import',
};
export type { IHorizontalPodAutoscaler as HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler' with {
  'resolution-mode': 'import',
};
export type { IScaledObject as ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject' with {
  'resolution-mode': 'import',
};
export type { ITriggerAuthentication as TriggerAuthentication } from '@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication' with {
  'resolution-mode': 'import',
};

/** Any object this package renders: enough to address it (the schema test checks the rest). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}
