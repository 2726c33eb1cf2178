/** Our deployables as the launcher starts them: entrypoint and the variable naming the port each listens on. */
export const SERVICE_NAMES = ['carrier-sim', 'webhook-ingest', 'campaign-api', 'realtime-gateway', 'dialer-worker'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const SERVICE_ENTRYPOINTS: Record<ServiceName, string> = {
  'campaign-api': 'services/campaign-api/src/main.ts',
  'webhook-ingest': 'services/webhook-ingest/src/main.ts',
  'realtime-gateway': 'services/realtime-gateway/src/main.ts',
  'dialer-worker': 'services/dialer-worker/src/main.ts',
  'carrier-sim': 'tools/carrier-sim/src/main.ts',
};

export const SERVICE_PORT_VARIABLES: Record<ServiceName, string> = {
  'campaign-api': 'API_PORT',
  'webhook-ingest': 'INGEST_PORT',
  'realtime-gateway': 'GATEWAY_PORT',
  'dialer-worker': 'DIALER_PORT',
  'carrier-sim': 'SIM_PORT',
};

/**
 * The development credentials every process of a stack shares (defined once in @dialwave/platform; the
 * services accept them only with DIALWAVE_DEV=1, which every stack sets). Spelled out here so tests can
 * sign callbacks and log into Bull Board. Never production values.
 */
export { DEV_CREDENTIALS } from '@dialwave/platform';
