import { NODE_SERVICES, type SecretKey } from './components';
import type { ConfigMap, Namespace, Secret } from './k8s-types';
import { CONFIG_MAP, SECRET } from './pod';
import type { DialwaveValues } from './values';

export function namespace(values: DialwaveValues): Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: values.namespace,
      // Pod Security Standards: every Dialwave pod already meets `restricted`; the namespace enforces it.
      labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' },
    },
  };
}

/** Settings shared by every Node service; each parses only the variables it knows. */
export function configMap(values: DialwaveValues): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIG_MAP, namespace: values.namespace },
    data: { ...values.config, PUBLIC_WEBHOOK_URL: `https://${values.hosts.webhooks}` },
  };
}

/** What each secret is, for the example and the README; a placeholder is never a usable value. */
export const SECRET_PLACEHOLDERS: Record<SecretKey, string> = {
  DATABASE_URL: 'postgresql://<user>:<password>@<postgres-host>:5432/dialwave?sslmode=require',
  REDIS_PASSWORD: '<the managed Redis password>',
  JWT_SECRET: '<openssl rand -hex 32>',
  TWILIO_ACCOUNT_SID: '<your Twilio account SID AC…>',
  TWILIO_AUTH_TOKEN: '<your Twilio auth token>',
  SANSPBX_CALLBACK_SECRET: '<openssl rand -hex 32>',
  AGENT_REPORT_SECRET: '<openssl rand -hex 32>',
  ADMIN_PASSWORD: '<openssl rand -hex 32 or omit>',
  SANSPBX_ACCESS_TOKEN: '<SansPBX access token or omit>',
  SANSPBX_ACCESS_KEY: '<SansPBX access key or omit>',
};

/**
 * An example only (deploy/k8s/examples/): create the real Secret with kubectl as the README shows. Its
 * placeholders are shorter than 32 characters or not URLs, so every service refuses them if it is applied
 * by mistake.
 */
export function exampleSecret(values: DialwaveValues): Secret {
  const used = new Set(NODE_SERVICES.flatMap((component) => [...component.secrets, ...(component.optionalSecrets ?? [])]));
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: SECRET, namespace: values.namespace },
    type: 'Opaque',
    stringData: Object.fromEntries(Object.entries(SECRET_PLACEHOLDERS).filter(([key]) => used.has(key as SecretKey))),
  };
}
