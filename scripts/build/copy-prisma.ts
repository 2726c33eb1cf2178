/**
 * Copies the Prisma schema and its migrations into a build output (`tsx copy-prisma.ts dist/prisma`, run in
 * the deployable's folder), so the migration image applies exactly the migrations of its release.
 */
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const target = process.argv[2];
if (!target) {
  console.error('usage: tsx scripts/build/copy-prisma.ts <target folder>');
  process.exit(2);
}
const source = resolve(__dirname, '..', '..', 'prisma');
const destination = resolve(process.cwd(), target);
rmSync(destination, { recursive: true, force: true });
cpSync(join(source, 'schema.prisma'), join(destination, 'schema.prisma'));
cpSync(join(source, 'migrations'), join(destination, 'migrations'), { recursive: true });
