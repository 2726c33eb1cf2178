import type { TCallStatus, TCampaignStatus } from '@dialwave/contracts';
import { callStatusTone, campaignStatusTone } from '../dashboard/call-status';

export function CampaignStatusBadge({ status }: { status: TCampaignStatus }) {
  return <span className={`badge tone-${campaignStatusTone(status)}`}>{status}</span>;
}

export function CallStatusBadge({ status }: { status: TCallStatus }) {
  return <span className={`badge tone-${callStatusTone(status)}`}>{status}</span>;
}
