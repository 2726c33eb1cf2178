import type { Logger } from 'pino';
import type { Db } from '@dialwave/db';
import type { DialingLimits } from './dialing-limits';
import type { DialQueue, EventPublisher } from './ports';

/**
 * What the campaign rules need from the outside world (the ports in ports.ts). Each service's main.ts
 * builds the concrete pieces (the Prisma client, the dial queue and publisher from @dialwave/infra) and
 * app.ts only hands them on.
 */
export interface CampaignDeps {
  prisma: Db;
  dialQueue: DialQueue;
  events: EventPublisher;
  logger: Logger;
  /** Unset: DEFAULT_DIALING_LIMITS. */
  limits?: DialingLimits;
}

/** What the call status rules need: no queue, since webhook-ingest only writes and publishes. */
export type CallStatusDeps = Pick<CampaignDeps, 'prisma' | 'events' | 'logger'>;
