/**
 * Renders the manifests: `pnpm k8s:synth` rewrites deploy/k8s/*.yaml from the default values;
 * `pnpm k8s:synth --values mine.yaml --out build/k8s` renders your overrides (values.ts) elsewhere.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { renderManifests, toYaml } from './src/render';
import { defaultValues, mergeValues } from './src/values';

const { values: args } = parseArgs({ options: { values: { type: 'string' }, out: { type: 'string' } } });
const overrides = args.values ? parse(readFileSync(resolve(args.values), 'utf8')) : undefined;
const outDir = resolve(args.out ?? __dirname);
for (const [file, objects] of Object.entries(renderManifests(mergeValues(defaultValues, overrides)))) {
  const path = join(outDir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, toYaml(objects));
  console.log(`wrote ${path} (${objects.length} objects)`);
}
