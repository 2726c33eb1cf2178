/**
 * `pnpm build:deploy --out <dir> [component...]`: after `pnpm build`, lays out each component as its image
 * holds it, in <dir>/<component>: the package's compiled `dist/`, its production dependencies
 * (`pnpm deploy --prod`, flat node_modules) and the container healthcheck. The Dockerfile runs exactly this,
 * so the layout can be built, measured and run on a machine without Docker (`node dist/main.js` in a folder).
 *
 * node_modules is flat (node-linker=hoisted) because each bundle inlines our workspace packages and so
 * `require`s their dependencies itself (pino-http, luxon, ...); with pnpm's isolated layout only the
 * component's own direct dependencies would be reachable from dist/. Our workspace packages are then
 * removed from node_modules: their TypeScript sources are already compiled into the bundle.
 */
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { COMPONENTS, type ComponentName } from './components';

const REPO_ROOT = resolve(__dirname, '..', '..');
const HEALTHCHECK = join(REPO_ROOT, 'scripts', 'lib', 'healthcheck.mjs');

const run = promisify(execFile);

export async function deployComponent(name: ComponentName, outDir: string): Promise<string> {
  const component = COMPONENTS[name];
  for (const entry of component.entrypoints) {
    if (!existsSync(join(REPO_ROOT, component.dir, entry)))
      throw new Error(`${component.dir}/${entry} is missing: run \`pnpm build\` first`);
  }
  const target = join(outDir, name);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await run('pnpm', ['--filter', component.packageName, '--prod', '--config.node-linker=hoisted', 'deploy', target], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((err: { stdout?: string; stderr?: string }) => {
    throw new Error(`pnpm deploy of ${component.packageName} failed:\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  });
  // Only what runs: pnpm deploy also copies the package's sources, README and workspace files.
  for (const entry of readdirSync(target)) {
    if (!KEEP.has(entry)) rmSync(join(target, entry), { recursive: true, force: true });
  }
  rmSync(join(target, 'node_modules', '@dialwave'), { recursive: true, force: true });
  pruneUnusedPrismaCompilers(join(target, 'node_modules', '@prisma', 'client', 'runtime'));
  copyFileSync(HEALTHCHECK, join(target, 'healthcheck.mjs'));
  return target;
}

const KEEP = new Set(['dist', 'node_modules', 'package.json']);

/** Each component in its own folder, two at a time (the work is mostly the store's files linked or copied). */
export async function deployComponents(names: ComponentName[], outDir: string, concurrency = 2): Promise<string[]> {
  const targets: string[] = [];
  const queue = [...names];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name; name = queue.shift()) targets.push(await deployComponent(name, outDir));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return targets;
}

/**
 * @prisma/client ships a query compiler for every database it supports (~60 MB); the generated client loads
 * the PostgreSQL one only (packages/db/src/generated/internal/class.ts).
 */
function pruneUnusedPrismaCompilers(runtimeDir: string): void {
  if (!existsSync(runtimeDir)) return;
  for (const file of readdirSync(runtimeDir)) {
    if (/^query_compiler_\w+_bg\.(sqlite|mysql|sqlserver|cockroachdb)\./.test(file)) rmSync(join(runtimeDir, file));
  }
}

if (require.main === module) {
  const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
  if (!values.out) {
    console.error(`usage: pnpm build:deploy --out <dir> [${Object.keys(COMPONENTS).join('|')}...]`);
    process.exit(2);
  }
  const names = (positionals.length ? positionals : Object.keys(COMPONENTS)) as ComponentName[];
  const unknown = names.filter((name) => !(name in COMPONENTS));
  if (unknown.length) {
    console.error(`unknown component(s): ${unknown.join(', ')}`);
    process.exit(2);
  }
  const outDir = resolve(values.out);
  deployComponents(names, outDir)
    .then(() => {
      for (const name of names) {
        // One du per folder: files hard-linked between folders would otherwise count once only.
        const size = spawnSync('du', ['-sh', join(outDir, name)], { encoding: 'utf8' }).stdout.split('\t')[0];
        console.log(`${name}: ${join(outDir, name)} (${size})`);
      }
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
