import type { Redis } from 'ioredis';
import request from 'supertest';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createDialQueue, EventPublisher, type CampaignDeps } from '@dialwave/domain';
import { createLogger, createRedis, waitForRedis } from '@dialwave/platform';
import { createTestDatabase, randomPrefix, testRedisUrl, type TestDatabase } from '@dialwave/testkit';
import { buildProviderRegistry, type CallProviderRegistry } from '@dialwave/providers';
import { createApp, type AppConfig } from '../app';

/** Nothing listens here: suites that never reach a carrier get providers that fail if they ever do. */
const NO_CARRIER_URL = 'http://127.0.0.1:9';

export const TEST_JWT_SECRET = 'campaign-api-test-secret';

export interface TestUser {
  userId: string;
  token: string;
  /** `Authorization` header value. */
  auth: string;
}

/** One app per suite on its own Postgres schema and BullMQ prefix, with real Redis and Postgres. */
export interface ApiHarness {
  app: Express;
  db: TestDatabase;
  redis: Redis;
  dialQueue: CampaignDeps['dialQueue'];
  signup(label?: string): Promise<TestUser>;
  close(): Promise<void>;
}

export async function startApiHarness(
  config: Partial<AppConfig> = {},
  logger: Logger = createLogger('campaign-api-test', 'silent'),
  providers: CallProviderRegistry = buildProviderRegistry({ twilioAccountSid: 'ACdeadbeefdeadbeefdeadbeefdeadbeef', twilioAuthToken: 'unused', twilioApiBaseUrl: NO_CARRIER_URL, simulatorUrl: NO_CARRIER_URL }),
): Promise<ApiHarness> {
  const db = await createTestDatabase();
  const redis = createRedis(testRedisUrl(), 'producer');
  await waitForRedis(redis);
  const dialQueue = createDialQueue(redis, randomPrefix('capi'));
  const app = createApp({
    prisma: db.prisma,
    redis,
    dialQueue,
    events: new EventPublisher(redis),
    logger,
    providers,
    // Tests are development: the simulator provider is allowed unless a suite turns development mode off.
    config: { jwtSecret: TEST_JWT_SECRET, phoneRegion: 'US', publicWebhookUrl: 'https://hooks.dialwave.test', developmentMode: true, ...config },
  });
  let users = 0;
  return {
    app,
    db,
    redis,
    dialQueue,
    async signup(label = 'user') {
      users += 1;
      const res = await request(app)
        .post('/api/auth/signup')
        .send({ email: `${label}-${users}@example.com`, password: 'correct horse battery', name: label });
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
      const body = res.body as { token: string; user: { id: string } };
      return { userId: body.user.id, token: body.token, auth: `Bearer ${body.token}` };
    },
    async close() {
      await dialQueue.obliterate({ force: true }).catch(() => undefined);
      await dialQueue.close();
      await redis.quit();
      await db.drop();
    },
  };
}

