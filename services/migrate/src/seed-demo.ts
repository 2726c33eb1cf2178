/**
 * `node dist/seed-demo.js`: the demo user, its simulator agent and 50 leads (compose's `demo` profile only;
 * the same data `pnpm start` seeds, from @dialwave/launcher). Leaves existing data alone, so it can run on every `up`.
 */
import { createPrismaClient } from '@dialwave/db';
import { seedDemo } from '@dialwave/launcher/src/start/seed';

async function main(): Promise<void> {
  if (process.env.DIALWAVE_DEV !== '1') {
    throw new Error('The demo user has a public password: seed it only in development mode (DIALWAVE_DEV=1), never on a server.');
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: it names the database to seed.');
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
