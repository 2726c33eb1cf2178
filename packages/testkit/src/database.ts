import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createPrismaClient, type Db } from '@dialwave/db';

const MIGRATIONS_DIR = resolve(__dirname, '../../../prisma/migrations');

export function baseDatabaseUrl(): string {
  return process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
}

export interface TestDatabase {
  /** DATABASE_URL with `?schema=` naming this suite's own schema. */
  url: string;
  schema: string;
  prisma: Db;
  drop(): Promise<void>;
}

/**
 * Gives a suite its own Postgres schema with every migration applied, so suites run in parallel on one
 * server without seeing each other's rows. `base` names another server (a private one a fault test stops).
 */
export async function createTestDatabase(base: string = baseDatabaseUrl()): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.query(`SET search_path TO "${schema}"`);
    for (const dir of readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()) {
      await admin.query(readFileSync(join(MIGRATIONS_DIR, dir, 'migration.sql'), 'utf8'));
    }
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  const prisma = createPrismaClient(url.toString(), { maxConnections: 5 });
  return {
    url: url.toString(),
    schema,
    prisma,
    async drop() {
      await prisma.$disconnect();
      const client = new Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
