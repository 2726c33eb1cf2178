import type { TCampaignWithStats } from '@dialwave/contracts';
import { retrySummary, waitingSummary } from '../dashboard/waiting';

/** Voicemail and skipped counts, and what the hopper holds back: leads waiting for their hours, retries. */
export function DialingFigures({ campaign }: { campaign: TCampaignWithStats }) {
  const { stats } = campaign;
  const waiting = waitingSummary(stats);
  const retrying = retrySummary(stats);
  return (
    <div className="dialing-figures">
      <div className="tiles">
        <div className="tile tone-info">
          <span className="tile-label">Voicemail</span>
          <span className="tile-value" data-testid="voicemail-count">
            {stats.voicemailCalls}
          </span>
        </div>
        <div className="tile">
          <span className="tile-label">Waiting</span>
          <span className="tile-value" data-testid="waiting-count">
            {stats.waitingLeads}
          </span>
        </div>
        <div className="tile">
          <span className="tile-label">Retry pending</span>
          <span className="tile-value" data-testid="retry-pending-count">
            {stats.retryPendingLeads}
          </span>
        </div>
        <div className="tile">
          <span className="tile-label">Skipped</span>
          <span className="tile-value" data-testid="skipped-count">
            {stats.skippedLeads}
          </span>
        </div>
      </div>
      {waiting && (
        <p className="muted" data-testid="waiting-summary">
          {waiting}
        </p>
      )}
      {retrying && (
        <p className="muted" data-testid="retry-summary">
          {retrying}
        </p>
      )}
      {campaign.status === 'SCHEDULED' && campaign.schedule.startAt && (
        <p className="muted" data-testid="scheduled-start">
          Starts {new Date(campaign.schedule.startAt).toLocaleString()}
        </p>
      )}
    </div>
  );
}
