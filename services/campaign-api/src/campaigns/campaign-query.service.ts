import type { TCall, TCallLog, TCallStatus, TCampaign, TCampaignWithStats, TPage } from '@dialwave/contracts';
import type { Campaign, Db } from '@dialwave/db';
import { AppError } from '@dialwave/platform';
import { serialiseCall, serialiseCallLog } from '../calls/call.serializer';
import { type PageRequest, toPage } from '../shared/pagination';
import { loadCampaignAnalysis } from './campaign-analysis';
import { CampaignRepository } from './campaign.repository';
import { serialiseCampaign, serialiseCampaignWithStats } from './campaign.serializer';
import { writeCallsCsv } from './calls-csv-export';
import type { Writable } from 'node:stream';

/** What the console reads about campaigns: lists, one campaign with its stats, its calls and logs. */
export class CampaignQueryService {
  private readonly campaigns: CampaignRepository;

  constructor(private readonly prisma: Db) {
    this.campaigns = new CampaignRepository(prisma);
  }

  async list(userId: string, page: PageRequest): Promise<TPage<TCampaign>> {
    const rows = await this.campaigns.list(userId, page);
    return toPage(rows, page.limit, (c) => ({ at: c.createdAt, id: c.id }), serialiseCampaign);
  }

  async get(userId: string, id: string): Promise<TCampaignWithStats> {
    const campaign = await this.owned(userId, id);
    const [activeCalls, analysis, waits] = await Promise.all([
      this.campaigns.countActiveCalls(campaign.id),
      loadCampaignAnalysis(this.prisma, campaign.id),
      this.campaigns.leadWaits(campaign.id),
    ]);
    return serialiseCampaignWithStats(campaign, activeCalls, analysis, waits);
  }

  async listCalls(userId: string, campaignId: string, page: PageRequest, status?: TCallStatus): Promise<TPage<TCall>> {
    await this.owned(userId, campaignId);
    const rows = await this.campaigns.listCalls(userId, campaignId, page, status);
    return toPage(rows, page.limit, (call) => ({ at: call.createdAt, id: call.id }), serialiseCall);
  }

  async listLogs(userId: string, campaignId: string, page: PageRequest): Promise<TPage<TCallLog>> {
    await this.owned(userId, campaignId);
    const rows = await this.campaigns.listLogs(campaignId, page);
    return toPage(rows, page.limit, (log) => ({ at: log.timestamp, id: log.id }), serialiseCallLog);
  }

  /** Streams every call of the user's campaign as CSV into `out` (404 before a byte is written when not theirs). */
  async exportCalls(userId: string, campaignId: string, out: Writable, onOwned: (campaign: Campaign) => void): Promise<void> {
    const campaign = await this.owned(userId, campaignId);
    onOwned(campaign);
    await writeCallsCsv(this.prisma, campaign.id, out);
  }

  private async owned(userId: string, id: string): Promise<Campaign> {
    const campaign = await this.campaigns.find(userId, id);
    if (!campaign) throw AppError.notFound('Campaign');
    return campaign;
  }
}
