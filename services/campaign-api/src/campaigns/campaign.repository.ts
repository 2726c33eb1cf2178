import { TERMINAL_CALL_STATUSES, type TCallStatus } from '@dialwave/contracts';
import type { Call, CallLog, Campaign, Db } from '@dialwave/db';
import type { PageRequest } from '../shared/pagination';
import { NO_WAITS, type LeadWaits } from './campaign-stats';

/** Reads only: campaign writes live in @dialwave/domain. Every query carries the owner's userId. */
export class CampaignRepository {
  constructor(private readonly prisma: Db) {}

  find(userId: string, id: string): Promise<Campaign | null> {
    return this.prisma.campaign.findFirst({ where: { id, userId } });
  }

  list(userId: string, page: PageRequest): Promise<Campaign[]> {
    const { cursor } = page;
    return this.prisma.campaign.findMany({
      where: {
        userId,
        ...(cursor && { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
  }

  /** Calls still in flight: any status before a terminal one. */
  countActiveCalls(campaignId: string): Promise<number> {
    return this.prisma.call.count({ where: { campaignId, status: { notIn: [...TERMINAL_CALL_STATUSES] } } });
  }

  /**
   * What the campaign's PENDING leads wait for: a window or the daily cap (waiting), a retry delay, and the
   * earliest time one becomes callable with the zone it waits in. One pass over the campaign's PENDING rows
   * of the (campaignId, state, nextEligibleAt) index.
   */
  async leadWaits(campaignId: string, now: Date = new Date()): Promise<LeadWaits> {
    const rows = await this.prisma.$queryRaw<{ waiting: number; retrying: number; next_at: Date | null; next_zone: string | null }[]>`
      SELECT
        count(*) FILTER (WHERE "waitReason" IN ('window', 'daily_cap') AND "nextEligibleAt" > ${now.toISOString()}::timestamp)::int AS waiting,
        count(*) FILTER (WHERE "waitReason" = 'retry')::int AS retrying,
        min("nextEligibleAt") FILTER (WHERE "waitReason" IS NOT NULL AND "nextEligibleAt" > ${now.toISOString()}::timestamp) AS next_at,
        (SELECT "waitZone" FROM "CampaignLead" z
          WHERE z."campaignId" = ${campaignId} AND z."state" = 'PENDING' AND z."waitReason" IS NOT NULL AND z."nextEligibleAt" > ${now.toISOString()}::timestamp
          ORDER BY z."nextEligibleAt", z."position" LIMIT 1) AS next_zone
      FROM "CampaignLead" WHERE "campaignId" = ${campaignId} AND "state" = 'PENDING'`;
    const row = rows[0];
    if (!row) return NO_WAITS;
    return { waitingLeads: row.waiting, retryPendingLeads: row.retrying, nextDialAt: row.next_at, nextDialZone: row.next_zone };
  }

  listCalls(userId: string, campaignId: string, page: PageRequest, status?: TCallStatus): Promise<Call[]> {
    const { cursor } = page;
    return this.prisma.call.findMany({
      where: {
        userId,
        campaignId,
        ...(status && { status }),
        ...(cursor && { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
  }

  /** Callers check the campaign's owner first: call logs carry no userId of their own. */
  listLogs(campaignId: string, page: PageRequest): Promise<CallLog[]> {
    const { cursor } = page;
    return this.prisma.callLog.findMany({
      where: {
        campaignId,
        ...(cursor && { OR: [{ timestamp: { lt: cursor.at } }, { timestamp: cursor.at, id: { lt: cursor.id } }] }),
      },
      orderBy: [{ timestamp: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
  }
}
