import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeMachine, type MachineInfo } from './machine';
import { formatTable, type Row } from './table';

export const RESULTS_DIR = resolve(__dirname, '..', '..', 'results');

/** A target is reported, never asserted: the bench exits 0 whether it is met or not. */
export interface TargetCheck {
  what: string;
  target: string;
  actual: string;
  met: boolean;
}

export interface BenchReport {
  name: string;
  /** The headline figures, flat, for the summary table and for diffing runs. */
  figures: Record<string, number | string | boolean | null>;
  targets: TargetCheck[];
  /** Parameters the figures depend on (counts, scales, concurrency). */
  parameters: Record<string, unknown>;
  /** Findings in words: profiles, correctness checks, anything a reader should not miss. */
  findings: string[];
  /** Bulky raw data (per-call times, samples) kept in the JSON only. */
  details?: Record<string, unknown>;
}

export interface StoredReport extends BenchReport {
  machine: MachineInfo;
  /** 1-minute load average when the benchmark started; `machine.loadAverage1m` is at its end. */
  loadAverage1mAtStart: number;
  durationMs: number;
}

export function writeReport(report: BenchReport, run: { durationMs: number; loadAverage1mAtStart: number }): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stored: StoredReport = { ...report, machine: describeMachine(), ...run };
  const file = join(RESULTS_DIR, `${report.name}.json`);
  writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`);
  return file;
}

export function printReport(report: BenchReport): void {
  const figureRows: Row[] = Object.entries(report.figures).map(([figure, value]) => ({ figure, value }));
  console.log(`\n=== ${report.name} ===`);
  console.log(formatTable(figureRows));
  if (report.targets.length > 0) {
    console.log('');
    console.log(
      formatTable(report.targets.map((t) => ({ target: t.what, wanted: t.target, measured: t.actual, met: t.met ? 'yes' : 'NO' }))),
    );
  }
  for (const finding of report.findings) console.log(`- ${finding}`);
}
