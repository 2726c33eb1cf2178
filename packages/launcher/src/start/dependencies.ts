import { Socket } from 'node:net';
import { Client } from 'pg';

/** Sends a raw RESP `PING`; any reply (even `-NOAUTH`) proves a Redis server listens there. */
export function redisAnswers(redisUrl: string, timeoutMs = 1500): Promise<boolean> {
  const { hostname, port } = new URL(redisUrl);
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('data', (data) => finish(/^[+-]/.test(data.toString())));
    socket.connect(Number(port || 6379), hostname.replace(/^\[|\]$/g, ''), () => socket.write('PING\r\n'));
  });
}

export type DatabaseState = 'exists' | 'created';

/**
 * Connects to the database DATABASE_URL names and creates it (through the server's `postgres` database)
 * when the server answers but the database does not exist yet. Throws when the server does not answer.
 */
export async function ensureDatabase(databaseUrl: string): Promise<DatabaseState> {
  const url = new URL(databaseUrl);
  url.searchParams.delete('schema');
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  try {
    await probe(url.toString());
    return 'exists';
  } catch (err) {
    // 3D000: invalid_catalog_name, the server answered and the database is missing.
    if ((err as { code?: string }).code !== '3D000') throw err;
  }
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  return 'created';
}

async function probe(connectionString: string): Promise<void> {
  const client = new Client({ connectionString, connectionTimeoutMillis: 3000 });
  await client.connect();
  await client.end();
}

/** Same URL with any password replaced, for messages. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw;
  }
}
