/**
 * Runs the Prisma CLI from the repo root. On machines that cannot download Prisma's schema-engine binary,
 * ../shared/tools/prisma-schema-engine.mjs (built on @prisma/schema-engine-wasm) stands in for it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');
const offlineEngine = resolve(root, '..', 'shared', 'tools', 'prisma-schema-engine.mjs');
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(offlineEngine)) env.PRISMA_SCHEMA_ENGINE_BINARY = offlineEngine;
const result = spawnSync('pnpm', ['exec', 'prisma', ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
