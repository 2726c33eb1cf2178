import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_NAMES, QUEUE_NAMES, startCampaignJobId, type TMaintenanceJob } from '@dialwave/contracts';
import { queueTelemetry } from '@dialwave/telemetry';

export type MaintenanceQueue = Queue<TMaintenanceJob>;

/** The maintenance queue: the periodic sweep, and the start of each scheduled campaign at its startAt. */
export function createMaintenanceQueue(connection: Redis, prefix: string): MaintenanceQueue {
  return new Queue<TMaintenanceJob>(QUEUE_NAMES.maintenance, {
    connection,
    prefix,
    ...queueTelemetry(),
    defaultJobOptions: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 500 } },
  });
}

/**
 * A delayed job that starts a scheduled campaign at `startAt` on whichever replica takes it first. The
 * deterministic id makes every sweep's add of the same start a no-op.
 */
export async function scheduleCampaignStart(queue: MaintenanceQueue, campaignId: string, startAt: Date): Promise<void> {
  await queue.add(
    JOB_NAMES.startCampaign,
    { v: 1, campaignId },
    { jobId: startCampaignJobId(campaignId), delay: Math.max(0, startAt.getTime() - Date.now()) },
  );
}
