import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';

/**
 * The npm packages a fresh Node process has loaded after requiring `entry` (a TypeScript file, through
 * tsx): what importing a module really pulls in, transitive imports included.
 */
export function packagesLoadedBy(entry: string): string[] {
  const script = `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)))`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: dirname(entry), encoding: 'utf8' });
  const files = JSON.parse(out.trim().split('\n').pop() as string) as string[];
  // The last node_modules/ of a path names the package (pnpm nests them under node_modules/.pnpm/...).
  return [...new Set(files.flatMap((file) => /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? []))];
}
