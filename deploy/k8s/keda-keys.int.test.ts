import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { dialJobId, QUEUE_NAMES } from '@dialwave/contracts';
import { createDialQueue, type BullDialQueue } from '@dialwave/infra';
import { randomPrefix, testRedisUrl, waitFor } from '@dialwave/testkit';
import type { ScaledObject } from './src/k8s-types';
import { renderManifests } from './src/render';
import { defaultValues, mergeValues } from './src/values';

/**
 * The dialers' ScaledObject counts Redis lists by name. This checks those names against BullMQ itself: a
 * job the API's own dial queue enqueues shows in the `wait` list, and moves to the `active` list while a
 * worker holds it (as a dial job does for its whole call).
 */
describe('the dialer ScaledObject', () => {
  const prefix = randomPrefix('k8s');
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  let queue: BullDialQueue;
  const workerConnection = redis.duplicate();
  let worker: Worker | undefined;

  const scaler = renderManifests(mergeValues(defaultValues, { config: { QUEUE_PREFIX: prefix } }))['40-dialer-autoscaling.yaml']!.find(
    (object) => object.kind === 'ScaledObject',
  ) as unknown as ScaledObject;
  const listName = (trigger: string) => scaler.spec.triggers.find((t) => t.name === trigger)!.metadata.listName!;

  beforeAll(() => {
    queue = createDialQueue(redis, prefix);
  });

  afterAll(async () => {
    await worker?.close(true);
    await queue.obliterate({ force: true });
    await queue.close();
    await Promise.all([redis.quit(), workerConnection.quit()]);
  });

  it('counts the dial jobs waiting and the ones being worked on, which its formula adds up', async () => {
    expect(scaler.spec.advanced?.scalingModifiers?.formula).toBe('wait + active');
    const [campaignId, leadId] = [randomUUID(), randomUUID()];
    await queue.add('dial-lead', { v: 1, campaignId, leadId, attempt: 1 }, { jobId: dialJobId(campaignId, leadId, 1) });
    expect([await redis.llen(listName('wait')), await redis.llen(listName('active'))]).toEqual([1, 0]);

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    worker = new Worker(QUEUE_NAMES.dial, () => held, { connection: workerConnection, prefix });
    await waitFor(async () => (await redis.llen(listName('active'))) === 1, { what: 'the job to become active' });
    expect(await redis.llen(listName('wait'))).toBe(0);
    release();
    await waitFor(async () => (await redis.llen(listName('active'))) === 0, { what: 'the job to complete' });
  });
});
