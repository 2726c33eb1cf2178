/**
 * `tsx scripts/build/measure-cold-start.ts --images <dir> [--runs 5]`: each service's cold start, from spawn
 * to its first 200 on /readyz, compiled (`node dist/main.js` in the folder `pnpm build:deploy` laid out) and
 * under tsx (`node --import tsx services/…/src/main.ts`, as the images ran it before), once with tsx's
 * compile cache off (a new container: its /tmp starts empty) and once with it warm (a developer's machine).
 * Prints the medians (and each process's resident memory when ready) with the load average, as JSON.
 * Each run leaves its `coldstart-*` keys in Redis (a dialer's job schedulers): on a shared Redis, remove them
 * afterwards (`redis-cli --scan --pattern 'coldstart-*' | xargs -r redis-cli unlink`). Take figures under `flock /tmp/heavy.lock`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTestDatabase, freePort, randomPrefix, testRedisUrl } from '@dialwave/testkit';

const REPO_ROOT = resolve(__dirname, '..', '..');

const SERVICES = {
  'campaign-api': { source: 'services/campaign-api/src/main.ts', portVariable: 'API_PORT' },
  'webhook-ingest': { source: 'services/webhook-ingest/src/main.ts', portVariable: 'INGEST_PORT' },
  'realtime-gateway': { source: 'services/realtime-gateway/src/main.ts', portVariable: 'GATEWAY_PORT' },
  'dialer-worker': { source: 'services/dialer-worker/src/main.ts', portVariable: 'DIALER_PORT' },
  'carrier-sim': { source: 'tools/carrier-sim/src/main.ts', portVariable: 'SIM_PORT' },
} as const;

/** Resident memory of a process, from /proc (Linux). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

/** Milliseconds from spawn to the first 200 on /readyz, and the process's resident memory then. */
async function coldStart(args: string[], cwd: string, env: NodeJS.ProcessEnv, port: number): Promise<{ ms: number; rssMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) return { ms: performance.now() - started, rssMb: rssMb(child.pid!) };
      if (performance.now() - started > 120_000) throw new Error(`not ready after 120 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { images: { type: 'string' }, runs: { type: 'string', default: '5' } } });
  if (!values.images) throw new Error('usage: tsx scripts/build/measure-cold-start.ts --images <dir from pnpm build:deploy> [--runs 5]');
  const runs = Number(values.runs);
  const db = await createTestDatabase();
  const loadBefore = loadavg().map((l) => Number(l.toFixed(2)));
  const results: Record<string, Record<string, number | number[]>> = {};
  try {
    for (const [name, service] of Object.entries(SERVICES)) {
      const timings: Record<'compiled' | 'tsxNoCache' | 'tsxWarmCache', number[]> = { compiled: [], tsxNoCache: [], tsxWarmCache: [] };
      const memory: Record<'compiled' | 'tsxNoCache' | 'tsxWarmCache', number[]> = { compiled: [], tsxNoCache: [], tsxWarmCache: [] };
      for (let run = 0; run < runs; run++) {
        // Interleaved, so a change in the machine's load touches every mode alike.
        for (const mode of ['compiled', 'tsxNoCache', 'tsxWarmCache'] as const) {
          const port = await freePort();
          const env = {
            PATH: process.env.PATH,
            NODE_ENV: 'production',
            DIALWAVE_DEV: '1',
            LOG_LEVEL: 'warn',
            REDIS_URL: testRedisUrl(),
            DATABASE_URL: db.url,
            QUEUE_PREFIX: randomPrefix('coldstart'),
            [service.portVariable]: String(port),
            ...(mode === 'tsxNoCache' ? { TSX_DISABLE_CACHE: '1' } : {}),
          };
          const result =
            mode === 'compiled'
              ? await coldStart(['dist/main.js'], join(resolve(values.images), name), env, port)
              : await coldStart(['--import', 'tsx', service.source], REPO_ROOT, env, port);
          timings[mode].push(Math.round(result.ms));
          memory[mode].push(result.rssMb);
        }
      }
      results[name] = {
        compiledMs: median(timings.compiled),
        tsxNoCacheMs: median(timings.tsxNoCache),
        tsxWarmCacheMs: median(timings.tsxWarmCache),
        compiledRssMb: median(memory.compiled),
        tsxNoCacheRssMb: median(memory.tsxNoCache),
        tsxWarmCacheRssMb: median(memory.tsxWarmCache),
        ...Object.fromEntries(Object.entries(timings).map(([mode, list]) => [`${mode}Runs`, list])),
      };
    }
  } finally {
    await db.drop();
  }
  console.log(
    JSON.stringify({ runs, loadBefore, loadAfter: loadavg().map((l) => Number(l.toFixed(2))), node: process.version, results }, null, 2),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
