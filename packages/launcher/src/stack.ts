import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
// The subpath, not the index: `pnpm start` must not load the Prisma client before it has generated it.
import { freePorts } from '@dialwave/testkit/free-port';
import { spawnService, type ServiceProcess } from './service-process';
import { superviseService, type RestartPolicy } from './supervisor';
import { DEV_CREDENTIALS, SERVICE_ENTRYPOINTS, SERVICE_NAMES, SERVICE_PORT_VARIABLES, type ServiceName } from './services';

export interface ChaosOptions {
  duplicateRate?: number;
  reorderRate?: number;
  dropRate?: number;
}

export interface StackOptions {
  /** Postgres URL, usually with `?schema=` naming the suite's own schema (createTestDatabase().url). */
  databaseUrl: string;
  redisUrl?: string;
  /** BullMQ prefix; a random one by default so stacks share one Redis without seeing each other's jobs. */
  queuePrefix?: string;
  /** Which services to start (default: all). URLs of the others are still assigned, nothing listens there. */
  services?: readonly ServiceName[];
  /** Dialer-worker replicas (default 1). */
  dialers?: number;
  /** Carrier-simulator wait multiplier (default 0.01: a 2 s call takes 20 ms). */
  simTimeScale?: number;
  chaos?: ChaosOptions;
  /** Extra variables for every service, then per service (later wins). */
  env?: Record<string, string>;
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Fixed ports (pnpm start); free ephemeral ports otherwise. A fixed dialer port applies to replica 1. */
  ports?: Partial<Record<ServiceName, number>>;
  /** Default 30 s per service. */
  readyTimeoutMs?: number;
  /** Lines kept per process for logs() (default 2000). */
  logLines?: number;
  /** When set, every process also writes to `<logDir>/<instance>.log`. */
  logDir?: string;
  /** Called with every line any process writes (pnpm start prints them prefixed). */
  onLine?: (instance: string, line: string) => void;
  /** Entrypoint overrides, relative to the repo root (the launcher's own test uses a fake service). */
  entrypoints?: Partial<Record<ServiceName, string>>;
  /** SIGTERM grace before SIGKILL in stop() (default 10 s). */
  stopGraceMs?: number;
  /**
   * Restart a service that dies after it was ready (pnpm start, fault tests): `true` for the default
   * back-off. Its entry in `services` is then a SupervisedService that stands for it across restarts.
   */
  supervise?: boolean | RestartPolicy;
}

export interface Stack {
  apiUrl: string;
  ingestUrl: string;
  gatewayUrl: string;
  simUrl: string;
  /** URLs of the dialer replicas started so far (including any that have since been killed). */
  readonly dialerUrls: string[];
  redisUrl: string;
  databaseUrl: string;
  queuePrefix: string;
  /** Every process by instance name (`campaign-api`, `dialer-worker-1`, ...). */
  services: Map<string, ServiceProcess>;
  /** Starts one more dialer replica and waits until it is ready. */
  addDialer(): Promise<ServiceProcess>;
  /** Every process's recent output, each under a header: print it when a test fails. */
  logs(): string;
  /** SIGTERM to every process (dialers and API first, the simulator last), SIGKILL after the grace period. */
  stop(): Promise<void>;
}

type SingletonName = Exclude<ServiceName, 'dialer-worker'>;

/** Starts our services as real processes wired to each other, and waits until each answers /readyz. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const wanted = new Set<ServiceName>(options.services ?? SERVICE_NAMES);
  const redisUrl = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queuePrefix = options.queuePrefix ?? `stack-${randomBytes(5).toString('hex')}`;
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const stopGraceMs = options.stopGraceMs ?? 10_000;

  const singletons: SingletonName[] = ['campaign-api', 'webhook-ingest', 'realtime-gateway', 'carrier-sim'];
  const assigned = await freePorts(singletons.length);
  const port = Object.fromEntries(singletons.map((name, i) => [name, options.ports?.[name] ?? assigned[i]])) as Record<
    SingletonName,
    number
  >;
  const urlOf = (name: SingletonName) => `http://127.0.0.1:${port[name]}`;
  const apiUrl = urlOf('campaign-api');
  const ingestUrl = urlOf('webhook-ingest');
  const gatewayUrl = urlOf('realtime-gateway');
  const simUrl = urlOf('carrier-sim');

  const chaos = options.chaos ?? {};
  const simTimeScale = options.simTimeScale ?? 0.01;
  const common: Record<string, string> = {
    LOG_LEVEL: 'info',
    // Launched stacks are development and test stacks: the public development credentials below are
    // accepted only because of this flag.
    DIALWAVE_DEV: '1',
    ...DEV_CREDENTIALS,
    REDIS_URL: redisUrl,
    DATABASE_URL: options.databaseUrl,
    QUEUE_PREFIX: queuePrefix,
    ...options.env,
  };
  const wiring: Record<ServiceName, Record<string, string>> = {
    // Accepting or rejecting an inbound call drives the live call through the carrier's REST API.
    'campaign-api': { PUBLIC_WEBHOOK_URL: ingestUrl, TWILIO_API_BASE_URL: simUrl, SANSPBX_BASE_URL: `${simUrl}/sanspbx` },
    'realtime-gateway': {},
    'webhook-ingest': { PUBLIC_WEBHOOK_URL: ingestUrl },
    'dialer-worker': {
      PUBLIC_WEBHOOK_URL: ingestUrl,
      TWILIO_API_BASE_URL: simUrl,
      SANSPBX_BASE_URL: `${simUrl}/sanspbx`,
      // The simulator scales every wait; the dialer's give-up deadline for a silent call scales with it.
      CALL_DEADLINE_SCALE: String(simTimeScale),
      // The simulator on this machine answers a dial in milliseconds.
      DIAL_REQUEST_TIMEOUT_MS: '3000',
    },
    'carrier-sim': {
      // Where the simulator announces inbound calls (`POST /sim/inbound`).
      PUBLIC_WEBHOOK_URL: ingestUrl,
      SIM_TIME_SCALE: String(simTimeScale),
      ...(chaos.duplicateRate !== undefined && { SIM_DUPLICATE_RATE: String(chaos.duplicateRate) }),
      ...(chaos.reorderRate !== undefined && { SIM_REORDER_RATE: String(chaos.reorderRate) }),
      ...(chaos.dropRate !== undefined && { SIM_DROP_RATE: String(chaos.dropRate) }),
    },
  };
  // Options.env may point the wiring elsewhere (a tunnel URL for PUBLIC_WEBHOOK_URL, real Twilio).
  for (const name of SERVICE_NAMES) {
    for (const key of Object.keys(wiring[name])) if (options.env?.[key] !== undefined) delete wiring[name][key];
  }

  const services = new Map<string, ServiceProcess>();
  const dialers: ServiceProcess[] = [];

  const launch = (name: ServiceName, instance: string, servicePort: number): ServiceProcess => {
    const spawnOptions = {
      name: instance,
      entrypoint: options.entrypoints?.[name] ?? SERVICE_ENTRYPOINTS[name],
      port: servicePort,
      env: {
        ...process.env,
        ...common,
        ...wiring[name],
        ...options.serviceEnv?.[name],
        [SERVICE_PORT_VARIABLES[name]]: String(servicePort),
      },
      logLines: options.logLines,
      logFile: options.logDir ? join(options.logDir, `${instance}.log`) : undefined,
      onLine: options.onLine ? (line: string) => options.onLine?.(instance, line) : undefined,
    };
    const service = options.supervise
      ? superviseService({
          ...spawnOptions,
          ...(typeof options.supervise === 'object' ? { restart: options.supervise } : {}),
          log: (line) => (options.onLine ? options.onLine('supervisor', line) : process.stderr.write(`[supervisor] ${line}\n`)),
        })
      : spawnService(spawnOptions);
    services.set(instance, service);
    return service;
  };

  const startDialer = async (fixedPort?: number): Promise<ServiceProcess> => {
    const [spare] = await freePorts(1);
    const dialer = launch('dialer-worker', `dialer-worker-${dialers.length + 1}`, fixedPort ?? (spare as number));
    dialers.push(dialer);
    return dialer;
  };

  const stop = async (): Promise<void> => {
    const phases: ((name: string) => boolean)[] = [
      (n) => n === 'campaign-api' || n.startsWith('dialer-worker'),
      (n) => n === 'webhook-ingest' || n === 'realtime-gateway',
      () => true,
    ];
    for (const inPhase of phases) {
      await Promise.all([...services].filter(([n, s]) => inPhase(n) && !s.hasExited()).map(([, s]) => s.stop(stopGraceMs)));
    }
  };

  try {
    for (const name of singletons) if (wanted.has(name)) launch(name, name, port[name]);
    if (wanted.has('dialer-worker')) {
      const count = options.dialers ?? 1;
      for (let i = 0; i < count; i++) await startDialer(i === 0 ? options.ports?.['dialer-worker'] : undefined);
    }
    await Promise.all([...services.values()].map((s) => s.waitReady(readyTimeoutMs)));
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    apiUrl,
    ingestUrl,
    gatewayUrl,
    simUrl,
    get dialerUrls() {
      return dialers.map((d) => d.url);
    },
    redisUrl,
    databaseUrl: options.databaseUrl,
    queuePrefix,
    services,
    async addDialer() {
      const dialer = await startDialer();
      await dialer.waitReady(readyTimeoutMs);
      return dialer;
    },
    logs() {
      return [...services].map(([name, s]) => `----- ${name} -----\n${s.logs()}`).join('\n');
    },
    stop,
  };
}
