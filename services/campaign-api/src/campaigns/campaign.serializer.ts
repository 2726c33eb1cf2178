import type { TCampaign, TCampaignAnalysisStats, TCampaignWithStats } from '@dialwave/contracts';
import type { Campaign } from '@dialwave/db';
import { isoOrNull } from '../shared/iso';
import { computeCampaignStats, type LeadWaits } from './campaign-stats';

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
    voicemailCalls: campaign.voicemailCalls,
    skippedLeads: campaign.skippedLeads,
    totalTalkSeconds: campaign.totalTalkSeconds,
    createdAt: campaign.createdAt.toISOString(),
    startedAt: isoOrNull(campaign.startedAt),
    completedAt: isoOrNull(campaign.completedAt),
    schedule: {
      startAt: isoOrNull(campaign.startAt),
      timezone: campaign.timezone,
      windows: Array.isArray(campaign.callingWindows) ? campaign.callingWindows : null,
    },
    retry: { maxAttempts: campaign.retryMaxAttempts, delaySeconds: campaign.retryDelaySeconds, on: campaign.retryOn },
    answeringMachine: { action: campaign.answeringMachine, message: campaign.voicemailMessage },
  };
}

export function serialiseCampaignWithStats(
  campaign: Campaign,
  activeCalls: number,
  analysis: TCampaignAnalysisStats,
  waits?: LeadWaits,
): TCampaignWithStats {
  return { ...serialiseCampaign(campaign), stats: { ...computeCampaignStats(campaign, activeCalls, waits), analysis } };
}
