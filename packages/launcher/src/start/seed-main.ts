/**
 * Seeds the demo data on its own (the compose `migrate` service runs it after `pnpm db:migrate`).
 * `pnpm start` seeds through seedDemo directly.
 */
import { createPrismaClient } from '@dialwave/db';
import { seedDemo } from './seed';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/dialwave';
  const prisma = createPrismaClient(databaseUrl, { maxConnections: 2 });
  try {
    const seed = await seedDemo(prisma);
    console.log(JSON.stringify({ msg: 'demo data seeded', ...seed }));
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
