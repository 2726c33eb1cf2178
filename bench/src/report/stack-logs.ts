import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from '@dialwave/launcher';
import { RESULTS_DIR } from './result';

/** Keeps the services' last output beside the results when a benchmark goes wrong (git-ignored *.log). */
export function saveStackLogs(name: string, stack: Stack): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.stack.log`);
  writeFileSync(file, stack.logs());
  return file;
}
