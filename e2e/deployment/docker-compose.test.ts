import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CREDENTIALS } from '@dialwave/platform';
import { REPO_ROOT } from '@dialwave/launcher';
import { COMPONENTS, type ComponentName } from '../../scripts/build/components';

/**
 * `docker compose up` is how strangers first deploy Dialwave, so the file itself must hold the production
 * posture: no public development secret, nothing stateful published beyond this host, every secret
 * required, and the simulator only on request.
 */
interface ComposeService {
  image?: string;
  build?: { context?: string; target?: string } | string;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  ports?: (string | { host_ip?: string; published?: string | number })[];
  environment?: Record<string, string | number | boolean | null>;
  command?: string[] | string;
  profiles?: string[];
  depends_on?: Record<string, unknown> | string[];
  restart?: string;
  volumes?: string[];
}

const text = readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
// `<<:` merges are how every service shares the common environment; compose resolves them the same way.
const compose = parse(text, { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const REQUIRED_SECRETS = [
  'JWT_SECRET',
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'SANSPBX_CALLBACK_SECRET',
  'REDIS_PASSWORD',
  'POSTGRES_PASSWORD',
];
const STATEFUL = ['redis', 'postgres'];
/** Run once to completion, then stay stopped. */
const ONE_SHOT = ['migrate', 'demo-seed'];
/** Our long-running processes, the port each answers /readyz on, and the variable that sets it. */
const LONG_RUNNING: Record<string, { port: number; portVariable: string }> = {
  'campaign-api': { port: 4000, portVariable: 'API_PORT' },
  'webhook-ingest': { port: 4001, portVariable: 'INGEST_PORT' },
  'realtime-gateway': { port: 4002, portVariable: 'GATEWAY_PORT' },
  'dialer-worker': { port: 4003, portVariable: 'DIALER_PORT' },
  'carrier-sim': { port: 4010, portVariable: 'SIM_PORT' },
  console: { port: 8080, portVariable: 'CONSOLE_PORT' },
};
/** Dockerfile targets: `FROM … AS <name>`. */
const DOCKERFILE_TARGETS = [...readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8').matchAll(/^FROM\s+\S+\s+AS\s+([\w-]+)\s*$/gim)].map(
  (m) => m[1],
);

function hostIpOf(port: string | { host_ip?: string }): string | undefined {
  return typeof port === 'string' ? port.split(':').slice(0, -2).join(':') : port.host_ip;
}

function profileServices(profile?: string): string[] {
  return Object.entries(services)
    .filter(([, service]) =>
      profile === undefined ? isDefaultProfile(service) : isDefaultProfile(service) || service.profiles?.includes(profile),
    )
    .map(([name]) => name)
    .sort();
}

function envOf(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(services[name]?.environment ?? {}).map(([key, value]) => [key, String(value)]));
}

/** The value compose substitutes when the variable is unset: `${X:-d}` → d, `${X:?e}` → an error, `${X}` → ''. */
function defaultWhenUnset(value: string): string | { required: true } {
  const match = /^\$\{(\w+)(?::?([-?])([^}]*))?\}$/.exec(value);
  if (!match) return value;
  if (match[2] === '?') return { required: true };
  return match[3] ?? '';
}

function isDefaultProfile(service: ComposeService): boolean {
  return !service.profiles || service.profiles.length === 0;
}

describe('docker-compose.yml', () => {
  it('contains no development secret or default database password', () => {
    for (const [name, spec] of Object.entries(CREDENTIALS)) {
      if (spec.minLength === 0) continue; // identifiers (account SID, SansPBX keys), checked as required below
      expect({ name, found: text.includes(spec.devDefault) }).toEqual({ name, found: false });
    }
    expect(text).not.toMatch(/postgres:postgres@|POSTGRES_PASSWORD:\s*postgres\b|POSTGRES_HOST_AUTH_METHOD/);
    expect(text).not.toContain('dialwave-dev-');
  });

  it('requires every secret with ${VAR:?message}, everywhere it is used', () => {
    for (const secret of REQUIRED_SECRETS) {
      const uses = [...text.matchAll(new RegExp(`\\$\\{${secret}([^}]*)\\}`, 'g'))].map((m) => m[1] ?? '');
      expect({ secret, used: uses.length > 0 }).toEqual({ secret, used: true });
      for (const use of uses) expect({ secret, use }).toEqual({ secret, use: expect.stringMatching(/^:\?.+/) });
    }
  });

  it('publishes Redis, Postgres and every other port on 127.0.0.1 at most, and leaves the gateway and dialers unpublished', () => {
    for (const name of STATEFUL) expect(services[name]?.ports?.length).toBeGreaterThan(0);
    for (const [name, service] of Object.entries(services)) {
      for (const port of service.ports ?? []) expect({ name, port, hostIp: hostIpOf(port) }).toEqual({ name, port, hostIp: '127.0.0.1' });
    }
    // Browsers reach the gateway through the console; dialers answer their health checks inside the network.
    expect(services['realtime-gateway']?.ports).toBeUndefined();
    expect(services['dialer-worker']?.ports).toBeUndefined();
  });

  it('gives Redis a password and every service a REDIS_URL that carries it', () => {
    expect(JSON.stringify(services.redis?.command)).toContain('--requirepass');
    expect(defaultWhenUnset(envOf('redis').REDIS_PASSWORD ?? '')).toEqual({ required: true });
    for (const [name, service] of Object.entries(services)) {
      const redisUrl = envOf(name).REDIS_URL;
      if (service.image?.startsWith('redis') || redisUrl === undefined) continue;
      expect({ name, redisUrl }).toEqual({ name, redisUrl: expect.stringMatching(/^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379$/) });
    }
  });

  it('runs Redis with AOF on a volume, since a callback is answered 2xx once it is appended there', () => {
    const command = JSON.stringify(services.redis?.command);
    expect(command).toContain('--appendonly yes');
    expect(command).toMatch(/--appendfsync (everysec|always)/);
    expect(services.redis?.volumes).toEqual([expect.stringMatching(/^\w+:\/data$/)]);
  });

  it('restarts every long-running service that dies, and gives services time to hand over on stop', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, restart: service.restart }).toEqual({ name, restart: ONE_SHOT.includes(name) ? 'no' : 'unless-stopped' });
    }
    expect(text).toMatch(/stop_grace_period: 40s/);
  });

  it('keeps the carrier simulator out of the default profile, and no default service depends on it', () => {
    expect(services['carrier-sim']?.profiles?.length).toBeGreaterThan(0);
    for (const [name, service] of Object.entries(services).filter(([, s]) => isDefaultProfile(s))) {
      const dependsOn = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      expect({ name, dependsOn }).toEqual({ name, dependsOn: expect.not.arrayContaining(['carrier-sim']) });
      // An unset TWILIO_API_BASE_URL means real Twilio: the default profile must not point at a simulator it does not run.
      const twilioBase = envOf(name).TWILIO_API_BASE_URL;
      if (twilioBase !== undefined) expect({ name, default: defaultWhenUnset(twilioBase) }).toEqual({ name, default: '' });
    }
  });

  it('runs no service in development mode by default: no NODE_ENV=development, DIALWAVE_DEV off, no demo seed', () => {
    expect(text).not.toMatch(/NODE_ENV\s*:\s*["']?\$?\{?[^\n]*development/);
    for (const name of Object.keys(services)) {
      const env = envOf(name);
      if (env.DIALWAVE_DEV !== undefined)
        expect({ name, DIALWAVE_DEV: defaultWhenUnset(env.DIALWAVE_DEV) }).toEqual({ name, DIALWAVE_DEV: '0' });
    }
    expect(envOf('campaign-api').DIALWAVE_DEV).toBeDefined();
    // The demo seed is a service of its own in the demo profile, not a switch of the migration.
    expect(text).not.toContain('SEED_DEMO');
    expect(services['demo-seed']?.profiles).toEqual(['demo']);
    expect(JSON.stringify(services.migrate?.command)).not.toContain('seed');
  });

  it('runs the production services by default, and adds only the simulator and the demo seed with --profile demo', () => {
    expect(profileServices()).toEqual([
      'campaign-api',
      'console',
      'dialer-worker',
      'migrate',
      'postgres',
      'realtime-gateway',
      'redis',
      'webhook-ingest',
    ]);
    expect(profileServices('demo')).toEqual([...profileServices(), 'carrier-sim', 'demo-seed'].sort());
    for (const [name, service] of Object.entries(services))
      expect({ name, profiles: service.profiles ?? [] }).toEqual({ name, profiles: expect.arrayContaining(service.profiles ?? []) });
    for (const name of profileServices()) {
      const dependsOn = Array.isArray(services[name]!.depends_on)
        ? services[name]!.depends_on
        : Object.keys(services[name]!.depends_on ?? {});
      expect({ name, dependsOn }).toEqual({ name, dependsOn: expect.not.arrayContaining(['carrier-sim', 'demo-seed']) });
    }
  });

  it('runs each component from its own compiled image: dialwave/<name>, its Dockerfile target, `node dist/…`, never tsx', () => {
    const runs = JSON.stringify(Object.values(services).map((service) => [service.command, service.healthcheck?.test]));
    expect(runs).not.toMatch(/tsx|\.ts"|pnpm|scripts\//);
    const built = Object.entries(services).filter(([, service]) => service.image?.startsWith('dialwave/'));
    expect(built.map(([name]) => name).sort()).toEqual([...Object.keys(LONG_RUNNING), ...ONE_SHOT].sort());
    for (const [name, service] of built) {
      // demo-seed runs the migrate image (the seed lives beside the migrations).
      const component = (name === 'demo-seed' ? 'migrate' : name) as ComponentName;
      expect({ name, image: service.image }).toEqual({ name, image: `dialwave/${component}:\${DIALWAVE_TAG:-latest}` });
      if (name !== 'demo-seed') {
        expect({ name, build: service.build }).toEqual({ name, build: { context: '.', target: component } });
        expect(DOCKERFILE_TARGETS).toContain(component);
      }
      const command = service.command as string[];
      expect({ name, runtime: command[0] }).toEqual({ name, runtime: 'node' });
      expect({ name, entry: COMPONENTS[component].entrypoints }).toEqual({ name, entry: expect.arrayContaining([command[1]]) });
    }
  });

  it("checks every long-running service's health on /readyz at the port it listens on, with the image's own script", () => {
    for (const [name, { port, portVariable }] of Object.entries(LONG_RUNNING)) {
      const service = services[name]!;
      expect({ name, port: envOf(name)[portVariable] }).toEqual({ name, port: String(port) });
      expect({ name, test: service.healthcheck?.test }).toEqual({
        name,
        test: ['CMD', 'node', 'healthcheck.mjs', `http://127.0.0.1:${port}/readyz`],
      });
    }
    for (const name of STATEFUL) expect(services[name]?.healthcheck?.test).toBeDefined();
  });

  it('serves the console from its own container on 8080, proxying /api and /socket.io to the services once they are healthy', () => {
    const console_ = services.console!;
    expect(console_.ports).toEqual(['127.0.0.1:8080:8080']);
    expect(envOf('console')).toEqual(
      expect.objectContaining({ API_URL: 'http://campaign-api:4000', GATEWAY_URL: 'http://realtime-gateway:4002' }),
    );
    expect(console_.depends_on).toEqual({
      'campaign-api': { condition: 'service_healthy' },
      'realtime-gateway': { condition: 'service_healthy' },
    });
    // The console holds no secret: it never sees more than a browser does.
    expect(Object.keys(envOf('console')).filter((key) => /SECRET|TOKEN|PASSWORD|DATABASE|REDIS/.test(key))).toEqual([]);
  });
});
