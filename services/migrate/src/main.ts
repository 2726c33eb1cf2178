/**
 * `node dist/main.js`: applies the pending Prisma migrations (`prisma migrate deploy`) to DATABASE_URL and
 * exits with the CLI's status. The compose `migrate` service and the Kubernetes migration Job run it before
 * the services start; the services' own images carry no Prisma CLI.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL is not set: it names the database to migrate.');
  process.exit(2);
}
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'migrate', 'deploy', '--config', join(__dirname, 'prisma.config.js')], {
  cwd: __dirname,
  stdio: 'inherit',
  // No update check from a server: nothing to ask, and it may have no way out.
  env: { CHECKPOINT_DISABLE: '1', ...process.env },
});
if (result.error) console.error(result.error);
process.exit(result.status ?? 1);
