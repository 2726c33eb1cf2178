import { execFileSync } from 'node:child_process';
import { Socket } from 'node:net';

/**
 * Tests use the Redis and Postgres named by REDIS_URL / DATABASE_URL (defaults: this machine). Where one
 * does not answer and a Docker engine exists, testcontainers starts it instead.
 */
export default async function globalSetup(): Promise<void> {
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/test';
  const redisUp = await answers(process.env.REDIS_URL);
  const postgresUp = await answers(process.env.DATABASE_URL);
  if (redisUp && postgresUp) return;
  if (!dockerAvailable()) {
    const down = [!redisUp && `Redis at ${process.env.REDIS_URL}`, !postgresUp && `Postgres at ${process.env.DATABASE_URL}`].filter(
      Boolean,
    );
    throw new Error(`${down.join(' and ')} did not answer, and no Docker engine is available for testcontainers`);
  }
  const { GenericContainer } = await import('testcontainers');
  const containers: { stop(): Promise<unknown> }[] = [];
  if (!redisUp) {
    const redis = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
    containers.push(redis);
    process.env.REDIS_URL = `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`;
  }
  if (!postgresUp) {
    const pg = await new GenericContainer('postgres:16-alpine')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'test' })
      .withExposedPorts(5432)
      .start();
    containers.push(pg);
    process.env.DATABASE_URL = `postgresql://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/test`;
  }
  (globalThis as { __DIALWAVE_CONTAINERS__?: typeof containers }).__DIALWAVE_CONTAINERS__ = containers;
}

function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  const defaultPort = url.startsWith('redis') ? 6379 : 5432;
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(Number(port || defaultPort), hostname);
  });
}

function dockerAvailable(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}
