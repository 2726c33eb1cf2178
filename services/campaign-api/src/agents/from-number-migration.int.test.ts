import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { baseDatabaseUrl } from '@dialwave/testkit';

const MIGRATIONS_DIR = resolve(__dirname, '../../../../prisma/migrations');
const UNIQUE_MIGRATION = '20261202015527_agent_from_number_unique';

/** The migration meets a deployment where tenants share numbers: it must keep one holder and still apply. */
describe(`migration ${UNIQUE_MIGRATION}`, () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: baseDatabaseUrl() });
  const migrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const apply = async (name: string) => client.query(readFileSync(join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8'));

  beforeAll(async () => {
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    for (const name of migrations.filter((m) => m < UNIQUE_MIGRATION)) await apply(name);
  });

  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('keeps the oldest holder of a shared number, marks the others unique and unusable, and then refuses a second holder', async () => {
    for (const user of ['u1', 'u2', 'u3']) {
      await client.query(`INSERT INTO "User" ("id", "email", "passwordHash", "name") VALUES ($1, $1 || '@example.com', 'x', $1)`, [user]);
    }
    const agent = (id: string, user: string, number: string, minutesAgo: number) =>
      client.query(
        `INSERT INTO "Agent" ("id", "userId", "name", "provider", "fromNumber", "createdAt", "updatedAt")
         VALUES ($1, $2, $1, 'TWILIO', $3, now() - make_interval(mins => $4), now())`,
        [id, user, number, minutesAgo],
      );
    await agent('second', 'u2', '+15005550006', 10);
    await agent('first', 'u1', '+15005550006', 20);
    await agent('third', 'u3', '+15005550006', 5);
    await agent('alone', 'u1', '+14155552671', 1);

    await apply(UNIQUE_MIGRATION);

    const { rows } = await client.query<{ id: string; fromNumber: string }>(`SELECT "id", "fromNumber" FROM "Agent" ORDER BY "createdAt"`);
    expect(rows).toEqual([
      { id: 'first', fromNumber: '+15005550006' },
      { id: 'second', fromNumber: '+15005550006 (duplicate, second)' },
      { id: 'third', fromNumber: '+15005550006 (duplicate, third)' },
      { id: 'alone', fromNumber: '+14155552671' },
    ]);
    await expect(agent('fourth', 'u2', '+14155552671', 0)).rejects.toMatchObject({ code: '23505' });
  });
});
