import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type Db = PrismaClient;
export type DbTransaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface PrismaClientOptions {
  /** Pool size of the pg driver; each service replica holds at most this many connections. */
  maxConnections?: number;
}

/**
 * Builds a Prisma client on the pg driver adapter (no engine binary). A `?schema=` parameter in the URL
 * selects the Postgres schema, so tests can give every suite its own schema in one database.
 */
export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  // The adapter's `schema` option qualifies Prisma's own queries; search_path makes raw SQL agree with them.
  const adapter = new PrismaPg(
    {
      connectionString: url.toString(),
      max: options.maxConnections ?? 10,
      ...(schema ? { options: `-c search_path="${schema}"` } : {}),
    },
    schema ? { schema } : undefined,
  );
  return new PrismaClient({ adapter });
}
