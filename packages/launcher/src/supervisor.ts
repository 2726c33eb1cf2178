import { LogBuffer } from './log-buffer';
import { spawnService, waitUntilReady, type ServiceExit, type ServiceProcess, type SpawnServiceOptions } from './service-process';

export interface RestartPolicy {
  /** Wait before the first restart; doubled after each quick crash (default 500 ms). */
  initialDelayMs?: number;
  /** Longest wait between restarts (default 10 s). */
  maxDelayMs?: number;
  /** A process that ran at least this long before it died restarts after initialDelayMs again (default 30 s). */
  stableAfterMs?: number;
}

export interface SupervisedService extends ServiceProcess {
  /** Processes started so far (1 + restarts). */
  readonly starts: number;
  /** Resolves when the process after the current one has been started. */
  nextStart(): Promise<void>;
}

export interface SuperviseOptions extends Omit<SpawnServiceOptions, 'logBuffer'> {
  restart?: RestartPolicy;
  /** Where the supervisor's own lines go (pnpm start prints them with the services' output). */
  log: (line: string) => void;
}

/**
 * Runs a service and starts it again when it dies on its own, as a process supervisor would (systemd's
 * Restart=always, compose's restart policy): after a back-off that doubles while it keeps crashing, with
 * one log line per restart. Only a service that has been ready once is restarted: one that cannot start
 * (a bad setting) fails the launch with its own output instead of crash-looping. stop() ends it for good.
 * The object stands for the service across its processes: `pid`, `kill` and `logs` follow the current one.
 */
export function superviseService(options: SuperviseOptions): SupervisedService {
  const initialDelayMs = options.restart?.initialDelayMs ?? 500;
  const maxDelayMs = options.restart?.maxDelayMs ?? 10_000;
  const stableAfterMs = options.restart?.stableAfterMs ?? 30_000;
  const buffer = new LogBuffer(options.logLines ?? 2000, options.logFile, options.onLine);

  let current: ServiceProcess;
  let startedAt = 0;
  let starts = 0;
  let stopping = false;
  let everReady = false;
  let delayMs = initialDelayMs;
  let restartTimer: NodeJS.Timeout | undefined;
  let finalExit: ServiceExit | undefined;
  let resolveExited!: (exit: ServiceExit) => void;
  const exited = new Promise<ServiceExit>((resolve) => (resolveExited = resolve));
  const startWaiters: (() => void)[] = [];

  const finish = (exit: ServiceExit) => {
    finalExit = exit;
    void buffer.close().then(() => resolveExited(exit));
  };

  const start = () => {
    current = spawnService({ ...options, logBuffer: buffer });
    startedAt = Date.now();
    starts += 1;
    for (const resolve of startWaiters.splice(0)) resolve();
    const incarnation = current;
    void incarnation.exited.then((exit) => {
      if (stopping) return finish(exit);
      if (!everReady) {
        options.log(`${options.name} exited (code ${exit.code}, signal ${exit.signal}) before it was ready; not restarting`);
        return finish(exit);
      }
      delayMs = Date.now() - startedAt >= stableAfterMs ? initialDelayMs : delayMs;
      const wait = delayMs;
      delayMs = Math.min(delayMs * 2, maxDelayMs);
      const line = `${options.name} exited (code ${exit.code}, signal ${exit.signal}); restarting in ${wait} ms (restart ${starts})`;
      options.log(line);
      buffer.write(`[supervisor] ${line}\n`);
      restartTimer = setTimeout(() => {
        restartTimer = undefined;
        if (!stopping) start();
      }, wait);
    });
  };
  start();

  const service: SupervisedService = {
    name: options.name,
    url: `http://127.0.0.1:${options.port}`,
    port: options.port,
    get pid() {
      return current.pid;
    },
    get starts() {
      return starts;
    },
    exited,
    hasExited: () => finalExit !== undefined,
    kill(signal = 'SIGTERM') {
      current.kill(signal);
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      if (restartTimer) {
        clearTimeout(restartTimer);
        restartTimer = undefined;
        if (current.hasExited()) finish(await current.exited);
      }
      await current.stop(graceMs);
      return exited;
    },
    logs: () => buffer.text(),
    async waitReady(timeoutMs) {
      await waitUntilReady(service, timeoutMs);
      everReady = true;
    },
    nextStart() {
      const target = starts + 1;
      return new Promise<void>((resolve) => {
        const check = () => (starts >= target ? resolve() : startWaiters.push(check));
        check();
      });
    },
  };
  return service;
}
