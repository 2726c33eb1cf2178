import type { TCampaignStatus } from '@dialwave/contracts';
import type { CampaignAction } from '../api/endpoints';

/** The transitions the API allows from each status (others answer 409), so the buttons match them. */
const ALLOWED: Record<TCampaignStatus, readonly CampaignAction[]> = {
  PENDING: ['cancel'],
  RUNNING: ['pause', 'cancel'],
  PAUSED: ['resume', 'cancel'],
  COMPLETED: [],
  CANCELED: [],
  FAILED: [],
};

export function canApply(status: TCampaignStatus, action: CampaignAction): boolean {
  return ALLOWED[status].includes(action);
}
