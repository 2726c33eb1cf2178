import type { Redis } from 'ioredis';
import request from 'supertest';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createDialQueue, RedisEventPublisher, type BullDialQueue } from '@dialwave/infra';
import { createLogger } from '@dialwave/platform';
import { createRedis, waitForRedis } from '@dialwave/platform/redis';
import { createTestDatabase, randomPrefix, testRedisUrl, type TestDatabase } from '@dialwave/testkit';
import { startCarrierSim, DEV_TWILIO_ACCOUNT_SID, DEV_TWILIO_AUTH_TOKEN, type StartCarrierSimOptions } from '@dialwave/carrier-sim';
import { buildProviderRegistry, TwilioNumberOwnership, type CallProviderRegistry } from '@dialwave/providers';
import { createApp, type AppConfig } from '../app';
import { openApiDocument } from '../http/docs.routes';
import { OpenApiResponseChecker, withResponseChecks } from './openapi-responses';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from '../rate-limits/rate-limits';

/** Suites sign up and log in freely; the rate-limit suite passes its own small limits. */
const ROOMY_LIMITS: RateLimitSettings = Object.fromEntries(
  Object.keys(DEFAULT_RATE_LIMITS).map((name) => [name, { points: 10_000, durationSeconds: 3600 }]),
) as unknown as RateLimitSettings;

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
  /** The app behind a checker of every answer against the OpenAPI document (see `contract`). */
  app: Express;
  /** The app as createApp built it. */
  rawApp: Express;
  /** What the answers sent through `app` showed; `close()` fails when one did not match the document. */
  contract: OpenApiResponseChecker;
  db: TestDatabase;
  redis: Redis;
  dialQueue: BullDialQueue;
  /** The carrier simulator whose number lists say which numbers the Twilio account owns. */
  carrierUrl: string;
  signup(label?: string): Promise<TestUser>;
  close(): Promise<void>;
}

export async function startApiHarness(
  config: Partial<AppConfig> = {},
  logger: Logger = createLogger('campaign-api-test', 'silent'),
  providers: CallProviderRegistry = buildProviderRegistry({
    twilioAccountSid: DEV_TWILIO_ACCOUNT_SID,
    twilioAuthToken: 'unused',
    twilioApiBaseUrl: NO_CARRIER_URL,
    simulatorUrl: NO_CARRIER_URL,
  }),
  /** Which numbers the simulated Twilio account owns (default: the simulator's DEFAULT_OWNED_NUMBERS). */
  numbers: Pick<StartCarrierSimOptions, 'ownedNumbers' | 'verifiedCallerIds'> = {},
): Promise<ApiHarness> {
  const db = await createTestDatabase();
  // Twilio agents' numbers are checked against a real account API over HTTP: the simulator's number lists.
  const carrier = await startCarrierSim(numbers);
  const redis = createRedis(testRedisUrl(), 'producer');
  await waitForRedis(redis);
  const prefix = randomPrefix('capi');
  const dialQueue = createDialQueue(redis, prefix);
  const rawApp = createApp({
    prisma: db.prisma,
    redis,
    dialQueue,
    events: new RedisEventPublisher(redis),
    logger,
    providers,
    twilioNumbers: new TwilioNumberOwnership({
      accountSid: DEV_TWILIO_ACCOUNT_SID,
      authToken: DEV_TWILIO_AUTH_TOKEN,
      apiBaseUrl: carrier.url,
    }),
    // Tests are development (simulator provider, open signup) unless a suite says otherwise.
    config: {
      jwtSecret: TEST_JWT_SECRET,
      phoneRegion: 'US',
      publicWebhookUrl: 'https://hooks.dialwave.test',
      developmentMode: true,
      signupMode: 'open',
      ...config,
      rateLimits: { prefix: config.rateLimits?.prefix ?? prefix, limits: { ...ROOMY_LIMITS, ...config.rateLimits?.limits } },
    },
  });
  // Every answer a suite gets is checked against the OpenAPI document: the document is tested by the real responses.
  const contract = new OpenApiResponseChecker(openApiDocument());
  const app = withResponseChecks(rawApp, contract);
  let users = 0;
  return {
    app,
    rawApp,
    contract,
    db,
    redis,
    dialQueue,
    carrierUrl: carrier.url,
    async signup(label = 'user') {
      users += 1;
      const credentials = { email: `${label}-${users}@example.com`, password: 'correct horse battery' };
      const signedUp = await request(app)
        .post('/api/auth/signup')
        .send({ ...credentials, name: label });
      if (signedUp.status !== 201 && signedUp.status !== 202)
        throw new Error(`signup failed: ${signedUp.status} ${JSON.stringify(signedUp.body)}`);
      // Development mode (the default here) answers with a session; production posture answers 202 and the user logs in.
      const res = signedUp.status === 201 ? signedUp : await request(app).post('/api/auth/login').send(credentials);
      if (res.status !== 200 && res.status !== 201) throw new Error(`login after signup failed: ${res.status} ${JSON.stringify(res.body)}`);
      const body = res.body as { token: string; user: { id: string } };
      return { userId: body.user.id, token: body.token, auth: `Bearer ${body.token}` };
    },
    async close() {
      await dialQueue.obliterate({ force: true }).catch(() => undefined);
      await dialQueue.close();
      await deleteKeys(redis, `${config.rateLimits?.prefix ?? prefix}:rl:*`);
      await redis.quit();
      await carrier.close();
      await db.drop();
      if (contract.violations.length > 0) {
        throw new Error(`answers that do not match the OpenAPI document:\n${contract.violations.join('\n')}`);
      }
    },
  };
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
