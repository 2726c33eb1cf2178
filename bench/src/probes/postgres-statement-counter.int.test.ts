import { Client } from 'pg';
import { createPrismaClient, type Db } from '@dialwave/db';
import { createTestDatabase, type TestDatabase } from '@dialwave/testkit';
import { PostgresStatementCounter } from './postgres-statement-counter';

describe('PostgresStatementCounter', () => {
  let db: TestDatabase;
  let counter: PostgresStatementCounter;
  let proxied: Db;
  let proxyUrl: URL;

  beforeAll(async () => {
    db = await createTestDatabase();
    const base = new URL(db.url);
    counter = new PostgresStatementCounter({ host: base.hostname, port: Number(base.port || 5432) });
    base.port = String(await counter.listen());
    proxyUrl = base;
    proxied = createPrismaClient(base.toString(), { maxConnections: 2 });
  });

  afterAll(async () => {
    await proxied.$disconnect();
    await counter.close();
    await db.drop();
  });

  it('counts each statement a Prisma client sends, transaction brackets included, by table', async () => {
    await proxied.user.count();
    counter.takeCounts();
    await proxied.$transaction(async (tx) => {
      await tx.user.create({ data: { email: 'counted@example.com', passwordHash: 'h', name: 'C' } });
      await tx.user.findMany({ where: { email: 'counted@example.com' } });
    });
    const counts = counter.takeCounts();
    expect(counts.byShape['INSERT "User"']).toBe(1);
    expect(counts.byShape['SELECT "User"']).toBeGreaterThanOrEqual(1);
    expect(counts.byShape.BEGIN).toBe(1);
    expect(counts.byShape.COMMIT).toBe(1);
    expect(counts.statements).toBe(Object.values(counts.byShape).reduce((a, b) => a + b, 0));
    expect(counter.openConnections()).toBeGreaterThanOrEqual(1);
  });

  it('names a prepared statement that runs again without a new Parse by its own text', async () => {
    const url = new URL(proxyUrl);
    url.searchParams.delete('schema');
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query({ name: 'probe-user', text: 'SELECT 1 FROM "pg_catalog"."pg_class" LIMIT $1', values: [1] });
      await client.query('SELECT $1::int AS other', [2]);
      counter.takeCounts();
      await client.query({ name: 'probe-user', text: 'SELECT 1 FROM "pg_catalog"."pg_class" LIMIT $1', values: [1] });
      expect(counter.takeCounts().byShape).toEqual({ 'SELECT "pg_class"': 1 });
    } finally {
      await client.end();
    }
  });
});
