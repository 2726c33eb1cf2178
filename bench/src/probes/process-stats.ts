import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** USER_HZ: Linux reports /proc/<pid>/stat times in 1/100 s on every architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * The pid of the process listening on a loopback port. A service started through a wrapper (tsx's CLI, a
 * shell) has a different pid from the node process doing the work; the listener is the one to measure.
 */
export async function pidListeningOn(port: number): Promise<number> {
  const { stdout } = await run('ss', ['-ltnpH', `sport = :${port}`]);
  const match = /pid=(\d+)/.exec(stdout);
  if (!match) throw new Error(`no process found listening on port ${port} (ss output: ${stdout.trim() || 'empty'})`);
  return Number(match[1]);
}

/** Resident set size in KiB (VmRSS of /proc/<pid>/status). */
export async function residentKib(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** User + system CPU seconds the process has used so far. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name, which may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** Busy and total jiffies of the whole machine, to turn a window into "cores busy". */
export async function machineCpuJiffies(): Promise<{ busy: number; total: number }> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** Postgres backends' total CPU seconds (every `postgres` process of the machine). */
export async function postgresCpuSeconds(): Promise<number> {
  const { stdout } = await run('pgrep', ['-x', 'postgres']).catch(() => ({ stdout: '' }));
  let total = 0;
  for (const pid of stdout.split('\n').filter(Boolean).map(Number)) {
    total += await cpuSeconds(pid).catch(() => 0);
  }
  return total;
}

export interface RssSample {
  atMs: number;
  rssKib: number;
}

/** Samples a process's RSS every `intervalMs` until `stop()` is called or `maxSamples` are taken. */
export function sampleResidentMemory(pid: number, { intervalMs = 100, maxSamples = 600 } = {}): { stop(): Promise<RssSample[]> } {
  const started = Date.now();
  const samples: RssSample[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped && samples.length < maxSamples) {
      samples.push({ atMs: Date.now() - started, rssKib: await residentKib(pid) });
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return samples;
    },
  };
}
