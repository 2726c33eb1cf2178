import type { EVENT_NAMES, TCampaignEvent } from '@dialwave/contracts';
import type { Campaign } from '@dialwave/db';
import type { EventPublisher } from './ports';

type CampaignEventName =
  | typeof EVENT_NAMES.campaignStarted
  | typeof EVENT_NAMES.campaignProgress
  | typeof EVENT_NAMES.campaignPaused
  | typeof EVENT_NAMES.campaignResumed
  | typeof EVENT_NAMES.campaignCanceled
  | typeof EVENT_NAMES.campaignCompleted;

export function toCampaignEvent(campaign: Campaign): TCampaignEvent {
  return {
    campaignId: campaign.id,
    status: campaign.status,
    totalLeads: campaign.totalLeads,
    completedLeads: campaign.completedLeads,
    successfulCalls: campaign.successfulCalls,
    failedCalls: campaign.failedCalls,
    missedCalls: campaign.missedCalls,
    voicemailCalls: campaign.voicemailCalls,
    skippedLeads: campaign.skippedLeads,
    at: new Date().toISOString(),
  };
}

export async function publishCampaignEvent(events: EventPublisher, type: CampaignEventName, campaign: Campaign): Promise<void> {
  await events.publish(campaign.userId, { type, payload: toCampaignEvent(campaign) });
}
