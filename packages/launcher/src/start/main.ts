/**
 * `pnpm start`: one command from a checkout to a running Dialwave on this machine. Checks Redis and
 * Postgres, migrates and seeds the database, starts the carrier simulator and every service, prints how to
 * use them, and stops them all on Ctrl-C.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { buildConsole, startConsole } from '../console';
import { REPO_ROOT } from '../service-process';
import { DEV_CREDENTIALS } from '../services';
import { startStack, type Stack } from '../stack';
import { renderBanner } from './banner';
import { passThroughEnv, readStartConfig } from './config';
import { ensureDatabase, redactUrl, redisAnswers } from './dependencies';
import { createLogPrinter } from './log-printer';
import { runCommand } from './run-command';

const LOG_DIR = join(REPO_ROOT, 'artifacts', 'logs');

class StartError extends Error {}

/** Values from `.env` (see .env.example) fill in what the shell did not set; the shell wins. */
function loadDotEnv(): void {
  const file = join(REPO_ROOT, '.env');
  if (!existsSync(file)) return;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) process.env[name] ??= value;
}

async function main(): Promise<void> {
  loadDotEnv();
  const config = readStartConfig(process.env);

  if (!(await redisAnswers(config.redisUrl))) {
    throw new StartError(
      `Redis at ${redactUrl(config.redisUrl)} does not answer: start it with ` +
        `\`redis-server --daemonize yes --port 6379 --save "" --appendonly yes\` or \`docker compose up -d redis postgres\`, or set REDIS_URL.`,
    );
  }
  try {
    if ((await ensureDatabase(config.databaseUrl)) === 'created') console.log(`Created database ${redactUrl(config.databaseUrl)}`);
  } catch (err) {
    throw new StartError(
      `Postgres at ${redactUrl(config.databaseUrl)} does not answer (${(err as Error).message}): start it with ` +
        `\`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\` or \`docker compose up -d redis postgres\`, or set DATABASE_URL.`,
    );
  }

  const prismaEnv = { ...process.env, DATABASE_URL: config.databaseUrl };
  runCommand('Database migrations', 'pnpm', ['exec', 'tsx', 'scripts/prisma.ts', 'migrate', 'deploy'], prismaEnv);
  runCommand('Prisma client generation', 'pnpm', ['exec', 'tsx', 'scripts/prisma.ts', 'generate'], prismaEnv);

  // Imported only now: the Prisma client it loads is the one generated a line above.
  const { createPrismaClient } = await import('@dialwave/db');
  const { seedDemo } = await import('./seed.ts');
  const prisma = createPrismaClient(config.databaseUrl, { maxConnections: 2 });
  const seed = await seedDemo(prisma).finally(() => prisma.$disconnect());
  console.log(`Seeded the demo user: ${seed.createdLeads} new leads, ${seed.leads} in all`);

  console.log('Building the console...');
  const consoleDistDir = await buildConsole();

  const overrides = passThroughEnv(process.env);
  const adminUser = overrides.ADMIN_USER ?? DEV_CREDENTIALS.ADMIN_USER;
  const adminPassword = overrides.ADMIN_PASSWORD ?? DEV_CREDENTIALS.ADMIN_PASSWORD;
  const stack = await startStack({
    databaseUrl: config.databaseUrl,
    redisUrl: config.redisUrl,
    queuePrefix: config.queuePrefix,
    dialers: config.dialerReplicas,
    simTimeScale: config.simTimeScale,
    ports: {
      'campaign-api': config.ports.api,
      'webhook-ingest': config.ports.ingest,
      'realtime-gateway': config.ports.gateway,
      'dialer-worker': config.ports.dialer,
      'carrier-sim': config.ports.sim,
    },
    // A developer's machine: development mode (public default credentials, the simulator, open signup).
    env: { NODE_ENV: process.env.NODE_ENV ?? 'development', DIALWAVE_DEV: '1', ...overrides },
    readyTimeoutMs: 60_000,
    // A service that dies is started again (with a back-off and a line saying so), not the stack stopped.
    supervise: true,
    logDir: LOG_DIR,
    onLine: createLogPrinter(config.logFormat),
  }).catch((err: unknown) => {
    // The message already carries the failing service's own output.
    throw new StartError(`Could not start the services: ${(err as Error).message}`);
  });

  const consoleServer = await startConsole({
    port: config.ports.console,
    host: config.consoleHost,
    apiUrl: stack.apiUrl,
    gatewayUrl: stack.gatewayUrl,
    distDir: consoleDistDir,
    logFile: join(LOG_DIR, 'console.log'),
  }).catch(async (err: unknown) => {
    await stack.stop();
    throw new StartError(`Could not serve the console: ${(err as Error).message}`);
  });
  stack.services.set('console', consoleServer);

  console.log(
    renderBanner({
      stack,
      agentId: seed.agentId,
      leads: seed.leads,
      adminUser,
      adminPassword,
      logDir: LOG_DIR,
      simTimeScale: config.simTimeScale,
      consoleUrl: consoleServer.url,
    }),
  );
  await runUntilStopped(stack);
}

/**
 * Runs until Ctrl-C / SIGTERM (exit 0). Services that die are restarted by their supervisor; only one that
 * could not even start stops the stack (exit 1).
 */
async function runUntilStopped(stack: Stack): Promise<never> {
  let stopping = false;
  let stoppingSince = 0;
  const stopAll = async (reason: string, code: number): Promise<never> => {
    if (stopping) {
      // Ctrl-C reaches us twice at once (from the terminal and relayed by the tsx wrapper): only a later,
      // deliberate second Ctrl-C means "stop waiting".
      if (Date.now() - stoppingSince < 1000) return new Promise<never>(() => undefined);
      console.log('Second signal: killing every service now.');
      process.exit(1);
    }
    stopping = true;
    stoppingSince = Date.now();
    console.log(`${reason}: stopping every service (SIGTERM, SIGKILL after 10 s)...`);
    await stack.stop();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll(signal, 0));
  for (const [name, service] of stack.services) {
    void service.exited.then(({ code, signal }) => {
      if (!stopping) void stopAll(`${name} stopped for good (code ${code}, signal ${signal}; see above)`, 1);
    });
  }
  return new Promise<never>(() => undefined);
}

main().catch((err: unknown) => {
  // A dependency that is down is the common case: one line that says what to do, no stack trace.
  console.error(err instanceof StartError ? err.message : err);
  process.exit(1);
});
