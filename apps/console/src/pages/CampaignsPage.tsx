import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';
import { ProgressBar } from '../components/ProgressBar';
import { CampaignStatusBadge } from '../components/StatusBadge';
import { progressPercent } from '../dashboard/stats';

export function CampaignsPage() {
  const api = useApi();
  const campaigns = useQuery({ queryKey: queryKeys.campaigns, queryFn: () => api.listCampaigns({ limit: 100 }) });

  return (
    <section>
      <div className="page-head">
        <h1>Campaigns</h1>
        <Link to="/campaigns/new" className="button primary">
          New campaign
        </Link>
      </div>
      {campaigns.isPending && <p className="muted">Loading…</p>}
      {campaigns.isError && <p className="error-text">{errorMessage(campaigns.error)}</p>}
      {campaigns.data?.items.length === 0 && (
        <div className="card empty">
          No campaigns yet. <Link to="/campaigns/new">Start one</Link> once you have an agent and some leads.
        </div>
      )}
      {campaigns.data && campaigns.data.items.length > 0 && (
        <table className="table" data-testid="campaigns">
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th className="wide">Progress</th>
              <th className="num">Successful</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.data.items.map((c) => (
              <tr key={c.id} data-testid="campaign-row">
                <td>
                  <Link to={`/campaigns/${c.id}`}>{c.name}</Link>
                </td>
                <td>
                  <CampaignStatusBadge status={c.status} />
                </td>
                <td>
                  <div className="progress-cell">
                    <ProgressBar completed={c.completedLeads} total={c.totalLeads} />
                    <span className="mono">
                      {c.completedLeads}/{c.totalLeads} · {progressPercent(c.completedLeads, c.totalLeads)}%
                    </span>
                  </div>
                </td>
                <td className="num">{c.successfulCalls}</td>
                <td>{new Date(c.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
