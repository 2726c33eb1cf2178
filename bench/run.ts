/**
 * `pnpm bench` runs every benchmark; `pnpm bench <name> [<name>...]` runs the ones named. Each writes
 * bench/results/<name>.json and prints its table; targets are reported, never asserted, so the exit code
 * is 0 whenever the runs complete (1 when a benchmark could not run at all).
 */
import { BENCHMARKS } from './src/benchmarks';
import { withBenchContext } from './src/harness';
import { describeMachine } from './src/report/machine';
import { printReport, writeReport, type BenchReport } from './src/report/result';
import { formatTable, type Row } from './src/report/table';

async function main(): Promise<number> {
  const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = requested.filter((name) => !BENCHMARKS.some((bench) => bench.name === name));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const chosen = requested.length ? BENCHMARKS.filter((bench) => requested.includes(bench.name)) : BENCHMARKS;
  const machine = describeMachine();
  console.log(`Dialwave bench on ${machine.cpus} x ${machine.cpuModel}, node ${machine.node}, ${machine.date}`);

  const summary: Row[] = [];
  let failures = 0;
  for (const bench of chosen) {
    console.log(`\n>>> ${bench.name}: ${bench.describe}`);
    const started = Date.now();
    const loadAverage1mAtStart = describeMachine().loadAverage1m;
    try {
      const report: BenchReport = await withBenchContext(bench.name, (context) => bench.run(context));
      const file = writeReport(report, { durationMs: Date.now() - started, loadAverage1mAtStart });
      printReport(report);
      console.log(
        `(written to ${file}; load average ${loadAverage1mAtStart} at start, ${describeMachine().loadAverage1m} at end on ${machine.cpus} cores)`,
      );
      for (const target of report.targets) {
        summary.push({
          benchmark: bench.name,
          target: target.what,
          wanted: target.target,
          measured: target.actual,
          met: target.met ? 'yes' : 'NO',
        });
      }
      if (report.targets.length === 0) summary.push({ benchmark: bench.name, target: '-', wanted: '-', measured: '-', met: '-' });
    } catch (err) {
      failures += 1;
      console.error(`${bench.name} could not run:`, err);
      summary.push({
        benchmark: bench.name,
        target: 'run',
        wanted: 'completes',
        measured: err instanceof Error ? err.message.split('\n')[0] : String(err),
        met: 'NO',
      });
    }
    console.log(`(${bench.name} took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  console.log('\n=== summary ===');
  console.log(formatTable(summary));
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
