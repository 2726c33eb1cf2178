import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import twilio from 'twilio';
import { userEventsChannel } from '@dialwave/contracts';
import { RedisEventPublisher } from '@dialwave/infra';
import { createLogger, DEV_CREDENTIALS } from '@dialwave/platform';
import { createRedis, waitForRedis } from '@dialwave/platform/redis';
import { createTestDatabase, randomPrefix, testRedisUrl, uniqueAgentNumber, waitFor, type TestDatabase } from '@dialwave/testkit';
import { createWebhookIngest, type WebhookIngest } from '../app';

export const TEST_AUTH_TOKEN = 'webhook-ingest-test-auth-token';
export const TEST_SANSPBX_SECRET = 'webhook-ingest-test-sanspbx-secret';
export const TEST_AGENT_REPORT_SECRET = 'webhook-ingest-test-agent-report-secret-0123';
/** Deliberately not the host supertest talks to: signatures must be checked against PUBLIC_WEBHOOK_URL. */
export const TEST_PUBLIC_URL = 'https://hooks.dialwave.test';

export interface PublishedEvent {
  channel: string;
  type: string;
  payload: Record<string, unknown>;
}

export interface IngestHarness {
  app: Express;
  ingest: WebhookIngest;
  db: TestDatabase;
  /** Every message published on `events:user:*` since the suite started, in order. */
  events: PublishedEvent[];
  /**
   * POSTs a form signed as Twilio signs it and, once answered, waits until the callback consumer has
   * applied everything stored so far: what the test reads next is the applied state.
   */
  signedPost(pathAndQuery: string, params: Record<string, string>): Promise<request.Response>;
  /** The same signed POST without waiting for the consumer (during an outage nothing can be applied). */
  signedPostOnly(pathAndQuery: string, params: Record<string, string>): Promise<request.Response>;
  /** The producer connection the app uses. */
  redis: Redis;
  /** Waits until every stored callback has been applied (the streams are empty). */
  settled(): Promise<void>;
  seedCampaign(options: { leads: number; greeting?: string; recordCalls?: boolean; voiceRuntimeUrl?: string }): Promise<SeededCampaign>;
  close(): Promise<void>;
}

export interface SeededCampaign {
  userId: string;
  agentId: string;
  campaignId: string;
  calls: { id: string; leadId: string; providerCallSid: string }[];
}

export interface IngestHarnessOptions {
  /** A server of the test's own (a fault test stops it); the shared test server by default. */
  databaseUrl?: string;
  redisUrl?: string;
  /** Stream key prefix; share one to run a second consumer on the same streams. */
  keyPrefix?: string;
  consumer?: string;
  leaseMs?: number;
  maxDeliveries?: number;
}

/** One app per suite on its own Postgres schema, with real Redis and a real subscriber on the user channels. */
export async function startIngestHarness(options: IngestHarnessOptions = {}): Promise<IngestHarness> {
  const db = await createTestDatabase(options.databaseUrl);
  const redisUrl = options.redisUrl ?? testRedisUrl();
  const redis: Redis = createRedis(redisUrl, 'producer');
  const subscriber: Redis = createRedis(redisUrl, 'worker');
  await Promise.all([waitForRedis(redis), waitForRedis(subscriber)]);
  const events: PublishedEvent[] = [];
  subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => {
    // Other suites share this Redis and may publish anything on their users' channels.
    try {
      const parsed = JSON.parse(message) as { type: string; payload: Record<string, unknown> };
      events.push({ channel, ...parsed });
    } catch {
      // not one of ours
    }
  });
  await subscriber.psubscribe(userEventsChannel('*'));

  const consumerRedis: Redis = createRedis(redisUrl, 'worker');
  const ingest = createWebhookIngest({
    prisma: db.prisma,
    redis,
    consumerRedis,
    events: new RedisEventPublisher(redis),
    logger: createLogger('webhook-ingest-test', 'silent'),
    config: {
      publicWebhookUrl: TEST_PUBLIC_URL,
      twilioAuthToken: TEST_AUTH_TOKEN,
      sansPbxCallbackSecret: TEST_SANSPBX_SECRET,
      agentReportSecret: TEST_AGENT_REPORT_SECRET,
      keyPrefix: options.keyPrefix ?? randomPrefix('ingest'),
      callbacks: {
        consumer: options.consumer ?? 'harness',
        batchSize: 100,
        maxDeliveries: options.maxDeliveries ?? 5,
        leaseMs: options.leaseMs ?? 5000,
      },
    },
  });
  await ingest.consumer.start();
  const app = ingest.app;
  const signedPostOnly = async (pathAndQuery: string, params: Record<string, string>) => {
    const signature = twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, TEST_PUBLIC_URL + pathAndQuery, params);
    return request(app).post(pathAndQuery).type('form').set('X-Twilio-Signature', signature).send(params);
  };
  const settled = async () => {
    await waitFor(async () => (await ingest.streams.backlog()) === 0, { what: 'every stored callback to be applied' });
  };

  return {
    app,
    ingest,
    db,
    events,
    async signedPost(pathAndQuery, params) {
      const response = await signedPostOnly(pathAndQuery, params);
      await settled();
      return response;
    },
    signedPostOnly,
    redis,
    settled,
    async seedCampaign({ leads, greeting, recordCalls, voiceRuntimeUrl }) {
      const prisma = db.prisma;
      const user = await prisma.user.create({ data: { email: `${randomPrefix('u')}@example.com`, passwordHash: 'x', name: 'Owner' } });
      const agent = await prisma.agent.create({
        data: {
          userId: user.id,
          name: 'Agent',
          provider: 'TWILIO',
          fromNumber: uniqueAgentNumber(),
          ...(greeting ? { greeting } : {}),
          recordCalls: recordCalls ?? false,
          voiceRuntimeUrl: voiceRuntimeUrl ?? null,
        },
      });
      const campaign = await prisma.campaign.create({
        data: { userId: user.id, agentId: agent.id, name: 'Spring', status: 'RUNNING', totalLeads: leads, startedAt: new Date() },
      });
      const calls = [];
      for (let i = 0; i < leads; i++) {
        const lead = await prisma.lead.create({
          data: { userId: user.id, firstName: `Lead${i}`, lastName: 'Smith', phone: `+1415555${String(1000 + i)}` },
        });
        const providerCallSid = `CA${randomPrefix('sid').replace(/\W/g, '')}${i}`;
        const call = await prisma.call.create({
          data: {
            userId: user.id,
            direction: 'OUTBOUND',
            status: 'INITIATED',
            provider: 'TWILIO',
            providerCallSid,
            fromNumber: agent.fromNumber,
            toNumber: lead.phone,
            campaignId: campaign.id,
            leadId: lead.id,
            agentId: agent.id,
          },
        });
        await prisma.campaignLead.create({
          data: { campaignId: campaign.id, leadId: lead.id, position: i + 1, state: 'IN_PROGRESS', attempts: 1, lastCallId: call.id },
        });
        calls.push({ id: call.id, leadId: lead.id, providerCallSid });
      }
      return { userId: user.id, agentId: agent.id, campaignId: campaign.id, calls };
    },
    async close() {
      await ingest.consumer.stop();
      await consumerRedis.quit();
      await subscriber.quit();
      await redis.quit();
      await db.drop();
    },
  };
}

/** Form fields of a Twilio status callback as the carrier (and the simulator) send them. */
export function twilioCallback(
  callSid: string,
  callStatus: string,
  sequence: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    AccountSid: DEV_CREDENTIALS.TWILIO_ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: callStatus,
    CallbackSource: 'call-progress-events',
    Direction: 'outbound-api',
    From: '+15005550006',
    To: '+14155551000',
    SequenceNumber: String(sequence),
    Timestamp: new Date().toUTCString().replace('GMT', '+0000'),
    ...extra,
  };
}
