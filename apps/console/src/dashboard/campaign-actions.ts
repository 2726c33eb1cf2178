import type { TCampaignStatus } from '@dialwave/contracts';
import type { CampaignAction } from '../api/endpoints';

/** The transitions the API allows from each status (others answer 409), so the buttons match them. */
const ALLOWED: Record<TCampaignStatus, readonly CampaignAction[]> = {
  PENDING: ['cancel'],
  // A scheduled campaign can be paused (resume puts it back on schedule) or canceled before it starts.
  SCHEDULED: ['pause', 'cancel'],
  RUNNING: ['pause', 'cancel'],
  PAUSED: ['resume', 'cancel'],
  COMPLETED: [],
  CANCELED: [],
  FAILED: [],
};

export function canApply(status: TCampaignStatus, action: CampaignAction): boolean {
  return ALLOWED[status].includes(action);
}
