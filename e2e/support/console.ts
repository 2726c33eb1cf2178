import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { spawnService, type ServiceProcess, type SpawnServiceOptions } from './service-process';

const run = promisify(execFile);
const consoleDir = resolve(__dirname, '..', '..', 'apps', 'console');

/** `vite build` of the console into apps/console/dist, what console-server.ts serves. */
export async function buildConsole(): Promise<void> {
  await run(process.execPath, [resolve(consoleDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: consoleDir,
    maxBuffer: 16 * 1024 * 1024,
  });
}

export interface StartConsoleOptions {
  port: number;
  apiUrl: string;
  gatewayUrl: string;
  /** Address to bind; 127.0.0.1 unless the console should be reachable from other machines. */
  host?: string;
  onLine?: SpawnServiceOptions['onLine'];
  logFile?: string;
}

/** Serves the built console (`vite preview`), proxying /api and /socket.io to the given services. */
export async function startConsole(options: StartConsoleOptions): Promise<ServiceProcess> {
  const server = spawnService({
    name: 'console',
    entrypoint: 'e2e/support/console-server.ts',
    port: options.port,
    env: {
      ...process.env,
      CONSOLE_PORT: String(options.port),
      CONSOLE_HOST: options.host ?? '127.0.0.1',
      API_URL: options.apiUrl,
      GATEWAY_URL: options.gatewayUrl,
    },
    ...(options.onLine ? { onLine: options.onLine } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
  });
  await server.waitReady(30_000);
  return server;
}
