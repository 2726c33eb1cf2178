import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';
import { SentimentBadge } from '../components/SentimentBadge';
import { CallStatusBadge } from '../components/StatusBadge';
import { formatDuration } from '../dashboard/stats';
import { humanizeCode } from '../incoming/caller';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One lead: who they are, every call with them (outcome and sentiment), and what was said last. */
export function LeadPage() {
  const { leadId = '' } = useParams();
  const api = useApi();
  const lead = useQuery({ queryKey: queryKeys.lead(leadId), queryFn: () => api.getLead(leadId) });
  if (lead.isPending) return <p className="muted">Loading lead…</p>;
  if (lead.isError) return <p className="error-text">{errorMessage(lead.error)}</p>;
  const l = lead.data;
  return (
    <section data-testid="lead-page">
      <div className="page-head">
        <div>
          <Link to="/leads" className="muted">
            ← Leads
          </Link>
          <h1>{[l.firstName, l.lastName].filter(Boolean).join(' ')}</h1>
          <p className="muted">
            <span className="mono">{l.phone}</span>
            {l.company ? ` · ${l.company}` : ''} · {humanizeCode(l.status)}
          </p>
        </div>
      </div>
      {l.lastSummary && (
        <div className="card last-summary" data-testid="last-summary">
          <span className="tile-label">Last summary · {dateTime.format(new Date(l.lastSummary.at))}</span>
          <p>{l.lastSummary.summary}</p>
        </div>
      )}
      <div className="card">
        <h2>
          Calls <span className="count">{l.calls.length}</span>
        </h2>
        {l.calls.length === 0 ? (
          <p className="muted">No calls with this lead yet.</p>
        ) : (
          <table className="table compact" data-testid="lead-calls">
            <thead>
              <tr>
                <th>When</th>
                <th>Direction</th>
                <th>Outcome</th>
                <th>Sentiment</th>
                <th>Summary</th>
                <th className="num">Duration</th>
              </tr>
            </thead>
            <tbody>
              {l.calls.map((call) => (
                <tr key={call.id} data-call-id={call.id}>
                  <td>
                    <Link to={`/calls/${call.id}`}>{dateTime.format(new Date(call.createdAt))}</Link>
                  </td>
                  <td>{humanizeCode(call.direction)}</td>
                  <td>
                    <CallStatusBadge status={call.status} />
                    {call.disposition ? ` ${humanizeCode(call.disposition)}` : ''}
                  </td>
                  <td>
                    <SentimentBadge sentiment={call.analysis?.sentiment ?? null} source={call.analysis?.sentimentSource} />
                  </td>
                  <td className="clip" title={call.analysis?.summary ?? undefined}>
                    {call.analysis?.summary ?? ''}
                  </td>
                  <td className="num mono">{call.durationSeconds === null ? '—' : formatDuration(call.durationSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
