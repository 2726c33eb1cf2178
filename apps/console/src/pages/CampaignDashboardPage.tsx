import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import type { TCampaignWithStats } from '@dialwave/contracts';
import { loadCallLog, loadLiveCalls, loadOutcomes } from '../api/campaign-reads';
import { ApiError, errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';
import { CallAnalysisCard } from '../components/CallAnalysisCard';
import { CampaignControls } from '../components/CampaignControls';
import { DialingFigures } from '../components/DialingFigures';
import { ExportCallsButton } from '../components/ExportCallsButton';
import { ExecutionLog } from '../components/ExecutionLog';
import { LiveCallsTable } from '../components/LiveCallsTable';
import { ProgressBar } from '../components/ProgressBar';
import { CampaignStatusBadge } from '../components/StatusBadge';
import { dashboardNumbers, formatDuration } from '../dashboard/stats';

// The chart library is most of the bundle: load it with the first dashboard, not the login page.
const OutcomeChart = lazy(() => import('../components/OutcomeChart').then((m) => ({ default: m.OutcomeChart })));

/** A slow safety net under the socket: a running campaign is re-read even if no event arrives. */
const RUNNING_POLL_MS = 15_000;

export function CampaignDashboardPage() {
  const { campaignId = '' } = useParams();
  const api = useApi();
  const campaign = useQuery({
    queryKey: queryKeys.campaign(campaignId),
    queryFn: () => api.getCampaign(campaignId),
    refetchInterval: (query) => (query.state.data?.status === 'RUNNING' ? RUNNING_POLL_MS : false),
  });
  const liveCalls = useQuery({ queryKey: queryKeys.liveCalls(campaignId), queryFn: () => loadLiveCalls(api, campaignId) });
  const log = useQuery({ queryKey: queryKeys.callLog(campaignId), queryFn: () => loadCallLog(api, campaignId) });
  const outcomes = useQuery({ queryKey: queryKeys.outcomes(campaignId), queryFn: () => loadOutcomes(api, campaignId) });

  if (campaign.isPending) return <p className="muted">Loading campaign…</p>;
  if (campaign.isError) {
    const notFound = campaign.error instanceof ApiError && campaign.error.status === 404;
    return (
      <div className="card empty">
        <p className="error-text">{notFound ? 'No such campaign.' : errorMessage(campaign.error)}</p>
        <Link to="/campaigns">Back to campaigns</Link>
      </div>
    );
  }

  const data = campaign.data;
  return (
    <section className="dashboard" data-testid="campaign-dashboard">
      <div className="page-head">
        <div>
          <Link to="/campaigns" className="muted">
            ← Campaigns
          </Link>
          <h1>
            {data.name}{' '}
            <span data-testid="campaign-status" data-status={data.status}>
              <CampaignStatusBadge status={data.status} />
            </span>
          </h1>
          <p className="muted">Up to {data.maxConcurrentCalls} calls at once</p>
        </div>
        <div className="head-actions">
          <ExportCallsButton campaignId={data.id} />
          <CampaignControls campaign={data} />
        </div>
      </div>

      <Counters campaign={data} />
      <DialingFigures campaign={data} />

      <div className="grid-2">
        <div className="card">
          <h2>
            Live calls{' '}
            <span className="count" data-testid="live-call-count">
              {liveCalls.data?.length ?? 0}
            </span>
          </h2>
          {liveCalls.isError ? (
            <p className="error-text">{errorMessage(liveCalls.error)}</p>
          ) : (
            <LiveCallsTable calls={liveCalls.data ?? []} />
          )}
        </div>
        <div className="card">
          <h2>Outcomes over time</h2>
          {outcomes.isError ? (
            <p className="error-text">{errorMessage(outcomes.error)}</p>
          ) : (
            <Suspense fallback={<p className="muted">Loading chart…</p>}>
              <OutcomeChart points={outcomes.data ?? []} />
            </Suspense>
          )}
        </div>
      </div>

      <CallAnalysisCard analysis={data.stats.analysis} />

      <div className="card">
        <h2>Execution log</h2>
        {log.isError ? <p className="error-text">{errorMessage(log.error)}</p> : <ExecutionLog entries={log.data ?? []} />}
      </div>
    </section>
  );
}

function Counters({ campaign }: { campaign: TCampaignWithStats }) {
  const n = dashboardNumbers(campaign);
  return (
    <div className="tiles">
      <div className="tile tile-wide">
        <span className="tile-label">Progress</span>
        <span className="tile-value">
          <span data-testid="progress-count">
            {n.completed}/{n.total}
          </span>{' '}
          <span className="muted" data-testid="progress-percent">
            {n.progress}%
          </span>
        </span>
        <ProgressBar completed={n.completed} total={n.total} testId="progress-bar" />
      </div>
      <div className="tile">
        <span className="tile-label">Success rate</span>
        <span className="tile-value" data-testid="success-rate">
          {n.successRate.percent === null ? '—' : `${n.successRate.percent}%`}
        </span>
        <span className="muted" data-testid="success-ratio">
          {n.successRate.successful}/{n.successRate.completed}
        </span>
      </div>
      <div className="tile tone-success">
        <span className="tile-label">Successful</span>
        <span className="tile-value" data-testid="successful-count">
          {n.successful}
        </span>
      </div>
      <div className="tile tone-danger">
        <span className="tile-label">Failed</span>
        <span className="tile-value" data-testid="failed-count">
          {n.failed}
        </span>
      </div>
      <div className="tile tone-warning">
        <span className="tile-label">Missed</span>
        <span className="tile-value" data-testid="missed-count">
          {n.missed}
        </span>
      </div>
      <div className="tile">
        <span className="tile-label">Avg. duration</span>
        <span className="tile-value" data-testid="average-duration" data-seconds={n.averageDurationSeconds}>
          {formatDuration(n.averageDurationSeconds)}
        </span>
      </div>
    </div>
  );
}
