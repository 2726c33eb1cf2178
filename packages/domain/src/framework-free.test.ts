import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packagesLoadedBy } from '@dialwave/testkit';

/** Runtimes the rules must not import: they declare ports (ports.ts) and @dialwave/infra adapts them. */
const FORBIDDEN = [
  'bullmq',
  'ioredis',
  'express',
  'pino-http',
  '@prisma/client',
  '@dialwave/infra',
  '@dialwave/platform/http',
  '@dialwave/platform/redis',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every `import … from '<specifier>'` of a file, with whether it is `import type`. */
function importsOf(source: string): { specifier: string; typeOnly: boolean; names: string }[] {
  return [...source.matchAll(/^import\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)';/gms)].map((m) => ({
    typeOnly: Boolean(m[1]),
    names: m[2] ?? '',
    specifier: m[3] ?? '',
  }));
}

describe('packages/domain', () => {
  const files = sourceFiles(__dirname).map((path) => ({ name: relative(__dirname, path), source: readFileSync(path, 'utf8') }));

  it('imports no BullMQ, ioredis, express or adapter, not even as a type', () => {
    const offending = files.flatMap(({ name, source }) =>
      importsOf(source)
        .filter(({ specifier }) => FORBIDDEN.some((forbidden) => specifier === forbidden || specifier.startsWith(`${forbidden}/`)))
        .map(({ specifier }) => `${name}: ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

  it("uses Prisma's types, never its query builder or sentinels (Prisma.sql, DbNull): SQL rules live in the queries or the database's functions", () => {
    const prismaRuntime = files
      .filter(({ source }) =>
        importsOf(source).some(
          ({ specifier, typeOnly, names }) => specifier === '@dialwave/db' && !typeOnly && /[{,]\s*Prisma\s*[,}]/.test(names),
        ),
      )
      .map(({ name }) => name);
    expect(prismaRuntime).toEqual([]);
  });

  it('takes only types from @dialwave/db, and its error classifiers from the subpath that loads no client', () => {
    const valueImports = files.flatMap(({ name, source }) =>
      importsOf(source)
        .filter(({ specifier, typeOnly }) => specifier === '@dialwave/db' && !typeOnly)
        .map(({ names }) => `${name}: ${names.replace(/\s+/g, ' ')}`),
    );
    expect(valueImports).toEqual([]);
  });

  it('loads neither BullMQ, ioredis, a web framework nor the Prisma client when imported', () => {
    const loaded = packagesLoadedBy(join(__dirname, 'index.ts'));
    for (const runtime of ['bullmq', 'ioredis', 'express', 'pino-http', '@prisma/client']) expect(loaded).not.toContain(runtime);
  });
});
