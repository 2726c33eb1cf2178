import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import { baseDatabaseUrl, freePort, randomPrefix, testRedisUrl, waitFor } from '@dialwave/testkit';
import { COMPONENTS, type ComponentName } from '../../scripts/build/components';
import { deployComponents } from '../../scripts/build/deploy';
import { DEADLINES } from '../helpers/deadlines';

/**
 * What the images run, run here without Docker: `pnpm build`, then each component laid out as its image
 * holds it (`pnpm build:deploy`: dist/ + production node_modules, nothing else), then started from that
 * folder with `node dist/main.js` as the containers are. Proves the bundles resolve every dependency they
 * need from a production install, migrations and the demo seed run from the migrate image, each service
 * reaches /readyz, and the console's server reaches the real API and gateway through its proxy.
 */
const REPO_ROOT = resolve(__dirname, '..', '..');
const outDir = mkdtempSync(join(tmpdir(), 'dialwave-images-'));
const schema = `t_${randomPrefix('img').replace(/-/g, '_')}`;
const databaseUrl = (() => {
  const url = new URL(baseDatabaseUrl());
  url.searchParams.set('schema', schema);
  return url.toString();
})();
const queuePrefix = randomPrefix('images');
const children: ChildProcess[] = [];
const services = new Map<string, Started>();

/** Offline machines migrate through the schema-engine stand-in (as scripts/prisma.ts does); images use Prisma's binary. */
function prismaEnv(): NodeJS.ProcessEnv {
  const standIn = resolve(REPO_ROOT, '..', 'shared', 'tools', 'prisma-schema-engine.mjs');
  const env: NodeJS.ProcessEnv = {};
  if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(standIn)) env.PRISMA_SCHEMA_ENGINE_BINARY = standIn;
  // The stand-in loads @prisma/schema-engine-wasm from this project, not from the image's folder.
  env.PRISMA_SHIM_PROJECT_DIR = REPO_ROOT;
  return env;
}

function runEntrypoint(component: ComponentName, entry: string, args: string[] = [], input?: string): string {
  const result = spawnSync(process.execPath, [entry, ...args], {
    cwd: join(outDir, component),
    env: { ...process.env, ...prismaEnv(), DATABASE_URL: databaseUrl, DIALWAVE_DEV: '1' },
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  expect({ component, entry, status: result.status, output: result.status === 0 ? '' : `${result.stdout}${result.stderr}` }).toEqual({
    component,
    entry,
    status: 0,
    output: '',
  });
  return result.stdout;
}

interface Started {
  url: string;
  child: ChildProcess;
  logs: () => string;
}

async function start(component: ComponentName, env: Record<string, string>, port: number): Promise<Started> {
  let output = '';
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: join(outDir, component),
    // As the images set it; the services' own environment is production-shaped but for DIALWAVE_DEV.
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      NODE_OPTIONS: '--enable-source-maps',
      DIALWAVE_DEV: '1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  services.set(component, { url, child, logs: () => output });
  // The containers' own healthcheck, from the image's folder.
  const healthy = () => spawnSync(process.execPath, ['healthcheck.mjs', `${url}/readyz`], { cwd: join(outDir, component) }).status === 0;
  let onExit: (code: number | null) => void = () => undefined;
  const exitedEarly = new Promise<never>((_, reject) => {
    onExit = (code) => reject(new Error(`${component} exited ${code} before answering /readyz:\n${output}`));
    child.once('exit', onExit);
  });
  try {
    await Promise.race([
      waitFor(healthy, { timeoutMs: DEADLINES.stackReadyMs, intervalMs: 200, what: `${component} /readyz` }),
      exitedEarly,
    ]);
  } finally {
    child.off('exit', onExit);
    exitedEarly.catch(() => undefined);
  }
  return { url, child, logs: () => output };
}

function stop(started: Started): Promise<number | null> {
  return new Promise((resolveExit) => {
    if (started.child.exitCode !== null) return resolveExit(started.child.exitCode);
    started.child.once('exit', (code) => resolveExit(code));
    started.child.kill('SIGTERM');
  });
}

beforeAll(async () => {
  // `pnpm build` without its `db:generate` (`pnpm test` has just generated the client, and regenerating it
  // would rewrite files other suites are loading). A full build and a production install of seven
  // components take minutes on a loaded 2-core machine by the work they are, not by a race; the test
  // itself then waits on conditions only.
  const build = spawnSync('pnpm', ['-r', 'run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect({ status: build.status, output: build.status === 0 ? '' : `${build.stdout}${build.stderr}` }).toEqual({ status: 0, output: '' });
  await deployComponents(Object.keys(COMPONENTS) as ComponentName[], outDir);
}, 900_000);

afterAll(async () => {
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map(
        (child) =>
          new Promise((resolveExit) => {
            child.once('exit', resolveExit);
            child.kill('SIGKILL');
          }),
      ),
  );
  // The services' Redis keys all start with QUEUE_PREFIX (BullMQ's, the callback streams, the recovery marks).
  const redis = new Redis(testRedisUrl());
  try {
    for await (const keys of redis.scanStream({ match: `${queuePrefix}:*`, count: 500 }) as AsyncIterable<string[]>)
      if (keys.length) await redis.unlink(...keys);
  } finally {
    await redis.quit();
  }
  const admin = new Client({ connectionString: baseDatabaseUrl() });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.end());
  rmSync(outDir, { recursive: true, force: true });
});

describe('compiled components, laid out as their images', () => {
  it('hold compiled JavaScript and production dependencies only: no TypeScript sources, tsx or compiler', () => {
    for (const name of Object.keys(COMPONENTS) as ComponentName[]) {
      const dir = join(outDir, name);
      expect({ name, entries: readdirSync(dir).sort() }).toEqual({
        name,
        entries: ['dist', 'healthcheck.mjs', 'node_modules', 'package.json'],
      });
      for (const entry of COMPONENTS[name].entrypoints)
        expect({ name, entry, exists: existsSync(join(dir, entry)) }).toEqual({ name, entry, exists: true });
      const sources = (readdirSync(join(dir, 'dist'), { recursive: true, encoding: 'utf8' }) as string[]).filter((file) =>
        /\.tsx?$/.test(file),
      );
      expect({ name, sources }).toEqual({ name, sources: [] });
      for (const devOnly of ['tsx', 'typescript', 'esbuild', 'jest', 'vite', '@dialwave']) {
        expect({ name, devOnly, installed: existsSync(join(dir, 'node_modules', devOnly)) }).toEqual({ name, devOnly, installed: false });
      }
    }
  });

  it(
    'migrates a database and seeds the demo data from the migrate image, and creates a user with the API image',
    () => {
      runEntrypoint('migrate', 'dist/main.js');
      expect(runEntrypoint('migrate', 'dist/seed-demo.js')).toContain('demo data seeded');
      // Applying again finds nothing to do.
      runEntrypoint('migrate', 'dist/main.js');
      expect(
        runEntrypoint(
          'campaign-api',
          'dist/cli/user-create.js',
          ['--email', 'operator@example.com', '--name', 'Operator'],
          'operator-password-long-enough-1',
        ),
      ).toContain('Created operator@example.com');
    },
    DEADLINES.testMs,
  );

  it(
    'starts every service from `node dist/main.js` to /readyz, and the console reaches the API and the gateway through its proxy',
    async () => {
      const ports = {
        api: await freePort(),
        ingest: await freePort(),
        gateway: await freePort(),
        dialer: await freePort(),
        sim: await freePort(),
        console: await freePort(),
      };
      const common = {
        REDIS_URL: testRedisUrl(),
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: queuePrefix,
        PUBLIC_WEBHOOK_URL: `http://127.0.0.1:${ports.ingest}`,
      };
      const simUrl = `http://127.0.0.1:${ports.sim}`;
      const [api, gateway] = await Promise.all([
        start('campaign-api', { ...common, API_PORT: String(ports.api), TWILIO_API_BASE_URL: simUrl }, ports.api),
        start('realtime-gateway', { REDIS_URL: testRedisUrl(), GATEWAY_PORT: String(ports.gateway) }, ports.gateway),
        start('webhook-ingest', { ...common, INGEST_PORT: String(ports.ingest) }, ports.ingest),
        start('dialer-worker', { ...common, DIALER_PORT: String(ports.dialer), TWILIO_API_BASE_URL: simUrl }, ports.dialer),
        start(
          'carrier-sim',
          { SIM_PORT: String(ports.sim), SIM_TIME_SCALE: '0.01', PUBLIC_WEBHOOK_URL: common.PUBLIC_WEBHOOK_URL },
          ports.sim,
        ),
      ]);
      const consoleServer = await start(
        'console',
        { CONSOLE_PORT: String(ports.console), CONSOLE_HOST: '127.0.0.1', API_URL: api.url, GATEWAY_URL: gateway.url },
        ports.console,
      );

      const page = await fetch(`${consoleServer.url}/campaigns/some-id`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect((await fetch(`${consoleServer.url}/healthz`)).status).toBe(200);

      // The seeded demo user logs in through the console's origin, as the browser does.
      const login = await fetch(`${consoleServer.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'demo@dialwave.local', password: 'dialwave-demo' }),
      });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const agents = await fetch(`${consoleServer.url}/api/agents`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await agents.json()) as { items: unknown[] }).items).toHaveLength(1);

      // socket.io over websocket only (the gateway's transport) through the console's upgrade proxy.
      const socket = io(consoleServer.url, { auth: { token }, transports: ['websocket'], reconnection: false });
      try {
        await new Promise<void>((resolveConnect, reject) => {
          socket.once('connect', resolveConnect);
          socket.once('connect_error', reject);
        });
        expect(socket.connected).toBe(true);
      } finally {
        socket.close();
      }
    },
    DEADLINES.testMs,
  );

  it(
    'stops every service cleanly on SIGTERM',
    async () => {
      for (const [name, started] of services) {
        const code = await stop(started);
        expect({ name, code, logs: code === 0 ? '' : started.logs() }).toEqual({ name, code: 0, logs: '' });
      }
    },
    DEADLINES.stopMs,
  );
});
