import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LogBuffer } from './log-buffer';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  /** Instance name: `campaign-api`, `dialer-worker-2`, ... */
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Settles when the process has exited, however it ended. */
  readonly exited: Promise<ServiceExit>;
  hasExited(): boolean;
  /** Sends a signal (SIGKILL for crash tests) without waiting. */
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<ServiceExit>;
  /** The last lines the process wrote to stdout and stderr. */
  logs(): string;
  /** Resolves when `GET /readyz` answers 200 (or 404: no probe); rejects with the log tail if the process exits first. */
  waitReady(timeoutMs: number): Promise<void>;
}

export interface SpawnServiceOptions {
  name: string;
  /** Path of the TypeScript entrypoint, relative to the repo root. */
  entrypoint: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logLines?: number;
  logFile?: string;
  onLine?: (line: string) => void;
  /** Write into this buffer (and leave it open at exit): a supervisor keeps one across restarts. */
  logBuffer?: LogBuffer;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Whatever ends this process (a failed test, an uncaught error), no service outlives it. */
function killAllOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

const EXIT_WITH_PARENT = pathToFileURL(join(__dirname, 'exit-with-parent.mjs')).href;

/**
 * Starts one service as a real process. `node --import tsx` rather than the tsx binary: it is one process
 * instead of two (a SIGKILL to the tsx binary leaves its node child running, which a crash test must not)
 * and measured ~0.2 s to ready against ~0.3 s here.
 */
export function spawnService(options: SpawnServiceOptions): ServiceProcess {
  killAllOnExit();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', EXIT_WITH_PARENT, options.entrypoint], {
    cwd: REPO_ROOT,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${options.name}: could not spawn ${options.entrypoint}`);
  live.add(child);

  const ownsBuffer = options.logBuffer === undefined;
  const buffer = options.logBuffer ?? new LogBuffer(options.logLines ?? 2000, options.logFile, options.onLine);
  child.stdout?.on('data', (chunk: Buffer) => buffer.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => buffer.write(chunk));

  let exitInfo: ServiceExit | undefined;
  const exited = new Promise<ServiceExit>((resolveExit) => {
    // 'close' rather than 'exit': it fires after stdout/stderr are drained, so logs() holds the last words.
    child.once('close', (code, signal) => {
      live.delete(child);
      exitInfo = { code, signal };
      if (!ownsBuffer) {
        buffer.flush();
        resolveExit({ code, signal });
        return;
      }
      void buffer.close().then(() => resolveExit({ code, signal }));
    });
  });
  const url = `http://127.0.0.1:${options.port}`;

  const service: ServiceProcess = {
    name: options.name,
    url,
    port: options.port,
    pid: child.pid,
    exited,
    hasExited: () => exitInfo !== undefined,
    kill(signal = 'SIGTERM') {
      if (exitInfo === undefined) child.kill(signal);
    },
    async stop(graceMs = 10_000) {
      if (exitInfo) return exitInfo;
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const escalate = new Promise<void>((resolveTimer) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolveTimer();
        }, graceMs);
      });
      await Promise.race([exited, escalate]);
      clearTimeout(timer);
      return exited;
    },
    logs: () => buffer.text(),
    waitReady: (timeoutMs) => waitUntilReady(service, timeoutMs),
  };
  return service;
}

export async function waitUntilReady(service: ServiceProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (service.hasExited()) {
      const { code, signal } = await service.exited;
      throw new Error(`${service.name} exited (code ${code}, signal ${signal}) before it was ready. Its output:\n${tail(service.logs())}`);
    }
    try {
      const response = await fetch(`${service.url}/readyz`, { signal: AbortSignal.timeout(2000) });
      // A process without a readiness probe (the carrier simulator depends on nothing) is ready once it answers.
      if (response.ok || response.status === 404) return;
      last = `HTTP ${response.status} ${await response.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${service.name} was not ready within ${timeoutMs} ms (last /readyz: ${last}). Its output:\n${tail(service.logs())}`);
}

function tail(text: string, lines = 60): string {
  return text.split('\n').slice(-lines).join('\n');
}
