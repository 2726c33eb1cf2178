import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

/**
 * A redis-server of a test's own, on a spare port, that the test may stop, kill and restart: fault tests
 * must never touch the shared server. AOF on with `appendfsync everysec`, as a deployment runs it (see the
 * README's failure model): a killed process loses nothing acknowledged, since the kernel still holds what
 * Redis wrote; only a host crash could lose the last second.
 */
export interface PrivateRedis {
  url: string;
  port: number;
  /** true while the server process runs. */
  isRunning(): boolean;
  /** Starts it again on the same port and data directory (it reloads its AOF). */
  start(): Promise<void>;
  /** SIGTERM (clean shutdown) or SIGKILL (crash); resolves once the process is gone. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Stops it for good and deletes its data. */
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

export async function startPrivateRedis(): Promise<PrivateRedis> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const child of live) child.kill('SIGKILL');
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'dw-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async (): Promise<void> => {
    if (child) throw new Error('private redis is already running');
    const process = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--loglevel',
        'warning',
      ],
      { stdio: 'ignore' },
    );
    child = process;
    live.add(process);
    exited = new Promise<void>((resolve) =>
      process.once('exit', () => {
        live.delete(process);
        if (child === process) child = undefined;
        resolve();
      }),
    );
    await waitFor(() => (child === process ? answersPing(port) : Promise.reject(new Error('redis-server exited'))), {
      timeoutMs: 15_000,
      what: `private redis-server on port ${port}`,
    });
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    isRunning: () => child !== undefined,
    start,
    async stop(signal = 'SIGTERM') {
      child?.kill(signal);
      await exited;
    },
    async close() {
      child?.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    // A server still loading its AOF answers -LOADING: not ready yet.
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}
