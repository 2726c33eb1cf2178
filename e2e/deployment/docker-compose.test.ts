import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CREDENTIALS } from '@dialwave/platform';
import { REPO_ROOT } from '@dialwave/launcher';

/**
 * `docker compose up` is how strangers first deploy Dialwave, so the file itself must hold the production
 * posture: no public development secret, nothing stateful published beyond this host, every secret
 * required, and the simulator only on request.
 */
interface ComposeService {
  image?: string;
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
const REQUIRED_SECRETS = ['JWT_SECRET', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'SANSPBX_CALLBACK_SECRET', 'REDIS_PASSWORD', 'POSTGRES_PASSWORD'];
const STATEFUL = ['redis', 'postgres'];

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

  it('publishes Redis and Postgres on 127.0.0.1 at most', () => {
    for (const name of STATEFUL) {
      for (const port of services[name]?.ports ?? []) {
        const hostIp = typeof port === 'string' ? port.split(':').slice(0, -2).join(':') : port.host_ip;
        expect({ name, port, hostIp }).toEqual({ name, port, hostIp: '127.0.0.1' });
      }
    }
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
      if (name === 'migrate') continue;
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
    }
    expect(services.migrate?.restart).toBe('no');
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
      if (env.DIALWAVE_DEV !== undefined) expect({ name, DIALWAVE_DEV: defaultWhenUnset(env.DIALWAVE_DEV) }).toEqual({ name, DIALWAVE_DEV: '0' });
      if (env.SEED_DEMO !== undefined) expect({ name, SEED_DEMO: defaultWhenUnset(env.SEED_DEMO) }).toEqual({ name, SEED_DEMO: 'false' });
    }
    expect(envOf('campaign-api').DIALWAVE_DEV).toBeDefined();
    expect(envOf('migrate').SEED_DEMO).toBeDefined();
  });
});
