import { TERMINAL_CALL_STATUSES, type TCallStatus } from '@dialwave/contracts';
import type { Call, CallLog, Campaign, Db } from '@dialwave/db';
import type { PageRequest } from '../shared/pagination';

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
