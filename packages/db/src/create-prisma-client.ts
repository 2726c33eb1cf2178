import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type Db = PrismaClient;
export type DbTransaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface PrismaClientOptions {
  /** Pool size of the pg driver; each service replica holds at most this many connections. */
  maxConnections?: number;
}

/**
 * Raw SQL that starts with the comment `prepared:<name>` (PREPARED_STATEMENT_PREFIX, the name, then ` *` and
 * `/`) runs as the named prepared statement `<name>`: Postgres parses and plans it once per connection instead
 * of on every call. Only for a fixed set of hot statements
 * whose text never varies (each stays prepared on every pooled connection for the connection's life); pg
 * refuses a second, different text under a name already used.
 */
export const PREPARED_STATEMENT_PREFIX = '/* prepared:';

function preparedStatementName({ sql }: { sql: string }): string {
  if (!sql.startsWith(PREPARED_STATEMENT_PREFIX)) return undefined as unknown as string; // unnamed: planned per call
  return sql.slice(PREPARED_STATEMENT_PREFIX.length, sql.indexOf(' */'));
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
    { ...(schema ? { schema } : {}), statementNameGenerator: preparedStatementName },
  );
  return new PrismaClient({ adapter });
}
