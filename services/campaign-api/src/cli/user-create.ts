/**
 * `pnpm user:create --email <email> --name <name>`: creates an account when signup is closed. Prints a
 * generated password once, or takes the password from stdin when one is piped in
 * (`printf %s "$PASSWORD" | pnpm user:create ...`), so it never appears in the shell history.
 */
import { parseArgs } from 'node:util';
import { createPrismaClient } from '@dialwave/db';
import { AppError, parseEnv, ZDatabaseEnvSchema } from '@dialwave/platform';
import { createUser } from '../auth/create-user';
import { readPipedPassword } from './piped-password';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true });
  if (!values.email || !values.name) {
    console.error('Usage: pnpm user:create --email <email> --name <name>   (pipe a password on stdin, or one is generated)');
    return 2;
  }
  const env = parseEnv(ZDatabaseEnvSchema);
  const prisma = createPrismaClient(env.DATABASE_URL, { maxConnections: 1 });
  try {
    const created = await createUser(prisma, { email: values.email, name: values.name, password: await readPipedPassword(process.stdin) });
    console.log(`Created ${created.user.email} (user ${created.user.id}).`);
    if (created.generatedPassword) console.log(`Password (shown only this once): ${created.password}`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = err.details?.map((d) => `${d.field}: ${d.message}`).join('; ');
    console.error(fields ? `${err.message} (${fields})` : err.message);
    return 1;
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
