import type { TCampaign, TCampaignAnalysisStats, TCampaignWithStats } from '@dialwave/contracts';
import type { Campaign } from '@dialwave/db';
import { isoOrNull } from '../shared/iso';
import { computeCampaignStats } from './campaign-stats';

export function serialiseCampaign(campaign: Campaign): TCampaign {
  return {
    id: campaign.id,
    name: campaign.name,
    agentId: campaign.agentId,
    status: campaign.status,
    maxConcurrentCalls: campaign.maxConcurrentCalls,
    totalLeads: campaign.totalLeads,
    completedLeads: campaign.completedLeads,
    successfulCalls: campaign.successfulCalls,
    failedCalls: campaign.failedCalls,
    missedCalls: campaign.missedCalls,
    totalTalkSeconds: campaign.totalTalkSeconds,
    createdAt: campaign.createdAt.toISOString(),
    startedAt: isoOrNull(campaign.startedAt),
    completedAt: isoOrNull(campaign.completedAt),
  };
}

export function serialiseCampaignWithStats(campaign: Campaign, activeCalls: number, analysis: TCampaignAnalysisStats): TCampaignWithStats {
  return { ...serialiseCampaign(campaign), stats: { ...computeCampaignStats(campaign, activeCalls), analysis } };
}
