import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { startCampaign, type CampaignDeps } from '@dialwave/domain';
import { createDialQueue, OutageRecovery, RedisEventPublisher, type BullDialQueue } from '@dialwave/infra';
import { createLogger } from '@dialwave/platform';
import { createRedis } from '@dialwave/platform/redis';
import { randomPrefix, testRedisUrl, uniqueAgentNumber, type TestDatabase } from '@dialwave/testkit';
import { createDialer, type Dialer, type DialerConfig } from '../app';
import type { CallProvider, CallProviderRegistry } from '@dialwave/providers';
import { FakeCarrier } from './fake-carrier';

export const TEST_DIALER_CONFIG: Omit<DialerConfig, 'queuePrefix'> = {
  publicWebhookUrl: 'http://hooks.example.test',
  sansPbxCallbackSecret: 'test-sanspbx-secret',
  agentReportSecret: 'test-agent-report-secret-0123456789-abcdef',
  ringTimeoutSeconds: 30,
  callDeadlineMs: 20_000,
  dialRequestTimeoutMs: 500,
  destinationPolicy: {},
  overdueGraceMs: 0,
  concurrency: 5,
  lockDurationMs: 5_000,
  stalledIntervalMs: 5_000,
  // Unscheduled: a sweep covers every campaign in the suite's database, including other tests' leftovers.
  sweepIntervalMs: 0,
};

/** Every agent provider dials the same fake carrier. */
export function singleProvider(provider: CallProvider): CallProviderRegistry {
  return { forProvider: () => provider };
}

/**
 * Dialers on a suite's database and a fresh BullMQ prefix, with real Redis and Postgres; only the carrier
 * is fake. `campaignDeps` plays campaign-api (starting campaigns) on the same queue.
 */
export class DialerHarness {
  readonly prefix = randomPrefix('dialer');
  readonly logger: Logger = createLogger('dialer-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  readonly redis: Redis = createRedis(testRedisUrl(), 'worker');
  readonly campaignDeps: CampaignDeps & { dialQueue: BullDialQueue };
  readonly carrier: FakeCarrier;
  readonly dialers: Dialer[] = [];
  private readonly connections: Redis[] = [this.redis];

  constructor(readonly db: TestDatabase) {
    this.campaignDeps = {
      prisma: db.prisma,
      dialQueue: createDialQueue(this.redis, this.prefix),
      events: new RedisEventPublisher(this.redis),
      logger: this.logger,
    };
    this.carrier = new FakeCarrier(this.campaignDeps);
  }

  addDialer(config: Partial<DialerConfig> = {}, providers: CallProviderRegistry = singleProvider(this.carrier)): Dialer {
    const connection = createRedis(testRedisUrl(), 'worker');
    const subscriber = createRedis(testRedisUrl(), 'worker');
    this.connections.push(connection, subscriber);
    const dialer = createDialer({
      prisma: this.db.prisma,
      connection,
      subscriber,
      dialQueue: createDialQueue(connection, this.prefix),
      events: new RedisEventPublisher(connection),
      recovery: new OutageRecovery(connection, this.prefix),
      providers,
      logger: this.logger,
      config: { ...TEST_DIALER_CONFIG, queuePrefix: this.prefix, ...config },
    });
    this.dialers.push(dialer);
    return dialer;
  }

  async seedCampaign(opts: {
    phones: string[];
    maxConcurrentCalls?: number;
    provider?: 'SIMULATOR' | 'TWILIO' | 'SANSPBX';
    callerId?: string;
  }) {
    const prisma = this.db.prisma;
    const user = await prisma.user.create({ data: { email: `${randomPrefix('u')}@example.com`, passwordHash: 'x', name: 'Owner' } });
    const agent = await prisma.agent.create({
      data: {
        userId: user.id,
        name: 'Agent',
        provider: opts.provider ?? 'SIMULATOR',
        fromNumber: uniqueAgentNumber(),
        callerId: opts.callerId ?? null,
      },
    });
    const leads = [];
    for (const [i, phone] of opts.phones.entries()) {
      leads.push(await prisma.lead.create({ data: { userId: user.id, firstName: `Lead${i}`, phone } }));
    }
    const started = await startCampaign(this.campaignDeps, {
      userId: user.id,
      agentId: agent.id,
      leadIds: leads.map((lead) => lead.id),
      name: 'Test campaign',
      maxConcurrentCalls: opts.maxConcurrentCalls ?? 5,
    });
    return { campaignId: started.campaignId, user, agent, leads };
  }

  async close(): Promise<void> {
    for (const dialer of this.dialers) {
      await dialer.workers.stop(0);
      await dialer.watcher.close();
      await dialer.workers.maintenanceQueue.obliterate({ force: true }).catch(() => undefined);
      await dialer.workers.closeQueues();
      await dialer.dialQueue.close();
    }
    await this.campaignDeps.dialQueue.obliterate({ force: true }).catch(() => undefined);
    await this.campaignDeps.dialQueue.close();
    for (const connection of this.connections) await connection.quit().catch(() => undefined);
  }
}
