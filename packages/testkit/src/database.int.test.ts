import { createTestDatabase } from './database';

describe('createTestDatabase', () => {
  it('gives each suite its own migrated schema that the Prisma client writes to', async () => {
    const a = await createTestDatabase();
    const b = await createTestDatabase();
    try {
      await a.prisma.user.create({ data: { email: 'x@example.com', passwordHash: 'h', name: 'X' } });
      expect(await a.prisma.user.count()).toBe(1);
      expect(await b.prisma.user.count()).toBe(0);
    } finally {
      await a.drop();
      await b.drop();
    }
  });
});

describe('raw SQL in a test schema', () => {
  it('resolves unqualified table names in the suite schema', async () => {
    const db = await createTestDatabase();
    try {
      await db.prisma.user.create({ data: { email: 'raw@example.com', passwordHash: 'h', name: 'R' } });
      const rows = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "User"`;
      expect(rows[0]?.n).toBe(1);
    } finally {
      await db.drop();
    }
  });
});
