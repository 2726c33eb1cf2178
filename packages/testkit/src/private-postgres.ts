import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

/**
 * A Postgres cluster of a test's own (initdb + pg_ctl under a temp directory, on a spare port), which the
 * test may stop and start to play an outage: fault tests must never touch the shared server. Durability
 * settings are off (fsync, full-page writes): a test cluster is thrown away, and outages here are
 * stop/start, not power cuts.
 */
export interface PrivatePostgres {
  /** The cluster's `postgres` database (createTestDatabase(url) gives a suite a schema in it). */
  url: string;
  port: number;
  isRunning(): boolean;
  start(): Promise<void>;
  /** `fast`: connections are cut, as when the server goes away; `immediate`: a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  close(): Promise<void>;
}

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];
const running = new Set<string>();
let exitHookInstalled = false;

function binary(name: string): string {
  for (const dir of BIN_DIRS) if (existsSync(join(dir, name))) return join(dir, name);
  return name;
}

/** initdb and pg_ctl refuse to run as root: as root they run as the `postgres` user. */
function asPostgresUser(command: string, args: string[]): { file: string; args: string[] } {
  if (process.getuid?.() !== 0) return { file: command, args };
  return { file: 'runuser', args: ['-u', 'postgres', '--', command, ...args] };
}

function run(command: string, args: string[]): void {
  const { file, args: fullArgs } = asPostgresUser(binary(command), args);
  execFileSync(file, fullArgs, { stdio: 'pipe' });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const dataDir of running) {
        const { file, args } = asPostgresUser(binary('pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']);
        spawnSync(file, args, { stdio: 'ignore' });
      }
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'dw-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c synchronous_commit=off',
    '-c max_connections=200',
  ].join(' ');
  let up = false;

  const start = async (): Promise<void> => {
    run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'postgres.log'), '-w', '-t', '60', 'start']);
    up = true;
    running.add(dataDir);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    if (!up) return;
    run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    up = false;
    running.delete(dataDir);
  };

  await start();
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.end();
  return {
    url,
    port,
    isRunning: () => up,
    start,
    stop,
    async close() {
      await stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
