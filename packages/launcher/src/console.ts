import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, spawnService, type ServiceProcess, type SpawnServiceOptions } from './service-process';

const run = promisify(execFile);
const consoleDir = resolve(REPO_ROOT, 'apps', 'console');
/** What the console's bundle is made of: its own sources and the contracts it imports. */
const CONSOLE_INPUTS = [
  'apps/console/src',
  'apps/console/public',
  'apps/console/index.html',
  'apps/console/vite.config.ts',
  'apps/console/package.json',
  'packages/contracts/src',
];

/**
 * `vite build` of the console into a directory named by the hash of its inputs, and that directory.
 *
 * Browser suites run in parallel and `vite build` empties its output directory first, so two suites
 * building into one shared `dist` would serve each other half-written files. Each build goes to a private
 * directory renamed into place when complete (rename is atomic), and an unchanged console is built once.
 */
export async function buildConsole(): Promise<string> {
  const outDir = join(tmpdir(), 'dialwave-console', hashInputs());
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  const staging = `${outDir}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(staging, { recursive: true });
  try {
    await run(
      process.execPath,
      [resolve(consoleDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '--outDir', staging, '--emptyOutDir'],
      { cwd: consoleDir, maxBuffer: 16 * 1024 * 1024 },
    );
    try {
      renameSync(staging, outDir);
    } catch (err) {
      // Another suite finished the same build first: its copy is identical.
      if (!existsSync(join(outDir, 'index.html'))) throw err;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return outDir;
}

function hashInputs(): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
      return;
    }
    hash.update(relative(REPO_ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const input of CONSOLE_INPUTS) visit(join(REPO_ROOT, input));
  return hash.digest('hex').slice(0, 16);
}

export interface StartConsoleOptions {
  port: number;
  apiUrl: string;
  gatewayUrl: string;
  /** The directory `buildConsole()` returned. */
  distDir: string;
  /** Address to bind; 127.0.0.1 unless the console should be reachable from other machines. */
  host?: string;
  onLine?: SpawnServiceOptions['onLine'];
  logFile?: string;
}

/** Serves the built console (`vite preview`), proxying /api and /socket.io to the given services. */
export async function startConsole(options: StartConsoleOptions): Promise<ServiceProcess> {
  const server = spawnService({
    name: 'console',
    entrypoint: 'packages/launcher/src/console-server.ts',
    port: options.port,
    env: {
      ...process.env,
      CONSOLE_PORT: String(options.port),
      CONSOLE_HOST: options.host ?? '127.0.0.1',
      CONSOLE_DIST_DIR: options.distDir,
      API_URL: options.apiUrl,
      GATEWAY_URL: options.gatewayUrl,
    },
    ...(options.onLine ? { onLine: options.onLine } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
  });
  await server.waitReady(30_000);
  return server;
}
