import { API, CONSOLE, DIALER, GATEWAY, INGEST, type Component } from './components';
import type { Ingress, Service } from './k8s-types';
import { labels, selectorLabels } from './pod';
import type { DialwaveValues } from './values';

/** ClusterIP only: nothing reaches a pod from outside the cluster except through the Ingresses below. */
function service(component: Component, values: DialwaveValues): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: component.name, namespace: values.namespace, labels: labels(component.name, component.role, values) },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(component.name),
      ports: [{ name: 'http', port: component.port, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

/** The dialer's Service only names its health and metrics port, for Prometheus. */
export function services(values: DialwaveValues): Service[] {
  return [API, INGEST, GATEWAY, DIALER, CONSOLE].map((component) => service(component, values));
}

function backend(component: Component) {
  return { service: { name: component.name, port: { name: 'http' } } };
}

function ingress(name: string, host: string, routes: [path: string, component: Component][], values: DialwaveValues): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      namespace: values.namespace,
      labels: { 'app.kubernetes.io/part-of': 'dialwave' },
      ...(Object.keys(values.ingress.annotations).length ? { annotations: values.ingress.annotations } : {}),
    },
    spec: {
      ingressClassName: values.ingress.className,
      tls: [{ hosts: [host], secretName: values.ingress.tlsSecretName }],
      rules: [{ host, http: { paths: routes.map(([path, component]) => ({ path, pathType: 'Prefix', backend: backend(component) })) } }],
    },
  };
}

/**
 * Public routes, and only these: the console, the REST API and socket.io on the app host; the carrier
 * callback paths on the webhooks host. `/healthz`, `/readyz`, `/metrics` and Bull Board (`/admin/queues`)
 * stay inside the cluster (`kubectl port-forward` to reach the board).
 *
 * socket.io needs no sticky sessions here: the gateway accepts the websocket transport only (one TCP
 * connection per session), and without an adapter each replica serves its own sockets from Redis pub/sub.
 */
export function ingresses(values: DialwaveValues): Ingress[] {
  return [
    ingress(
      'dialwave',
      values.hosts.app,
      [
        ['/api', API],
        ['/socket.io', GATEWAY],
        ['/', CONSOLE],
      ],
      values,
    ),
    ingress(
      'dialwave-webhooks',
      values.hosts.webhooks,
      [
        ['/twilio', INGEST],
        ['/sanspbx', INGEST],
        ['/agent', INGEST],
      ],
      values,
    ),
  ];
}
