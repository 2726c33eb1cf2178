/**
 * Validates Kubernetes objects against the API's own OpenAPI schemas (kubernetes-models) and KEDA's CRD
 * schemas (@kubernetes-models/keda), as an API server would before storing them. An object whose kind
 * this does not know is a problem too, never skipped.
 *
 *   node --import tsx deploy/k8s/validate.mts deploy/k8s/*.yaml   (or a YAML stream on stdin)
 *
 * Prints `{ checked, problems }` as JSON and exits 1 when there is a problem. An ES module of its own:
 * the model packages are ES modules only, which jest's CommonJS runtime cannot load.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';

export interface Problem {
  object: string;
  message: string;
}

/** API groups whose models come from a package other than kubernetes-models. */
const CUSTOM_RESOURCE_MODELS: Record<string, string> = { 'keda.sh': '@kubernetes-models/keda/keda.sh' };

type ModelClass = new (data: unknown) => { validate(): void };

async function modelFor(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  if (!/^[A-Za-z]+$/.test(kind)) return undefined;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [undefined, apiVersion];
  const base = group === undefined ? 'kubernetes-models' : (CUSTOM_RESOURCE_MODELS[group] ?? `kubernetes-models/${group}`);
  try {
    // One model's module, not the whole group's: loading every model of a group takes seconds.
    const models = (await import(`${base}/${version}/${kind}`)) as Record<string, ModelClass | undefined>;
    return models[kind];
  } catch {
    return undefined;
  }
}

export async function validateObjects(objects: unknown[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const object of objects) {
    const { apiVersion, kind, metadata } = (object ?? {}) as { apiVersion?: string; kind?: string; metadata?: { name?: string } };
    const label = `${kind ?? '?'}/${metadata?.name ?? '?'}`;
    const Model = apiVersion && kind ? await modelFor(apiVersion, kind) : undefined;
    if (!Model) {
      problems.push({ object: label, message: `no schema for apiVersion ${apiVersion ?? '(none)'} kind ${kind ?? '(none)'}` });
      continue;
    }
    try {
      new Model(object).validate();
    } catch (err) {
      problems.push({ object: label, message: (err as Error).message });
    }
  }
  return problems;
}

export function parseYamlStream(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as unknown)
    .filter((object) => object !== null);
}

async function main(files: string[]): Promise<number> {
  const text = files.length > 0 ? files.map((file) => readFileSync(file, 'utf8')).join('\n---\n') : readFileSync(0, 'utf8');
  const objects = parseYamlStream(text);
  const problems = await validateObjects(objects);
  console.log(JSON.stringify({ checked: objects.length, problems }, null, 2));
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
