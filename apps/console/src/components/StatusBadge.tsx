import { isMachineAnsweredBy, type TCallStatus, type TCampaignStatus } from '@dialwave/contracts';
import { callStatusTone, campaignStatusTone } from '../dashboard/call-status';

export function CampaignStatusBadge({ status }: { status: TCampaignStatus }) {
  return <span className={`badge tone-${campaignStatusTone(status)}`}>{status}</span>;
}

/** A completed call a machine answered reads "Voicemail", the way the campaign counts it. */
export function CallStatusBadge({ status, answeredBy }: { status: TCallStatus; answeredBy?: string | null }) {
  if (status === 'COMPLETED' && isMachineAnsweredBy(answeredBy)) return <span className="badge tone-info">Voicemail</span>;
  return <span className={`badge tone-${callStatusTone(status)}`}>{status}</span>;
}
