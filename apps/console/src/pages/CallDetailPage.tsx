import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';
import { DispositionForm } from '../components/DispositionForm';
import { RecordingPlayer } from '../components/RecordingPlayer';
import { CallReportPanel } from '../components/CallReportPanel';
import { CallStatusBadge } from '../components/StatusBadge';
import { logEntryFromCallLog, sortOldestFirst } from '../dashboard/call-log';
import { callStatusTone, isTerminalCallStatus } from '../dashboard/call-status';
import { humanizeCode } from '../incoming/caller';
import { formatDuration } from '../dashboard/stats';

export function CallDetailPage() {
  const { callId = '' } = useParams();
  const api = useApi();
  const call = useQuery({ queryKey: queryKeys.call(callId), queryFn: () => api.getCall(callId) });

  if (call.isPending) return <p className="muted">Loading call…</p>;
  if (call.isError) return <p className="error-text">{errorMessage(call.error)}</p>;
  const c = call.data;
  // Oldest first: a timeline reads top to bottom.
  const timeline = sortOldestFirst(c.logs.map((log) => logEntryFromCallLog(log)));
  const facts: [string, string][] = [
    ['Direction', c.direction],
    ['From', c.fromNumber],
    ['To', c.toNumber],
    ['Provider', c.provider],
    ['Attempt', String(c.attempt)],
    ['Started', new Date(c.createdAt).toLocaleString()],
    ['Answered', c.answeredAt ? new Date(c.answeredAt).toLocaleString() : '—'],
    ['Ended', c.endedAt ? new Date(c.endedAt).toLocaleString() : '—'],
    ['Duration', c.durationSeconds === null ? '—' : formatDuration(c.durationSeconds)],
    ['Answered by', c.answeredBy ?? '—'],
    ['Failure reason', c.failureReason ?? '—'],
    ['Disposition', c.disposition ? humanizeCode(c.disposition) : '—'],
    ['Notes', c.notes ?? '—'],
  ];
  const inbound = c.direction === 'INBOUND';
  return (
    <section>
      <div className="page-head">
        <div>
          {c.campaignId && (
            <Link to={`/campaigns/${c.campaignId}`} className="muted">
              ← Campaign
            </Link>
          )}
          <h1>
            {inbound ? 'Call from' : 'Call to'} <span className="mono">{inbound ? c.fromNumber : c.toNumber}</span>{' '}
            <CallStatusBadge status={c.status} answeredBy={c.answeredBy} />
          </h1>
        </div>
      </div>
      <div className="grid-2">
        <dl className="card facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          {c.recordingUrl && (
            <div className="facts-wide">
              <dt>Recording</dt>
              <dd>
                <RecordingPlayer url={c.recordingUrl} />
              </dd>
            </div>
          )}
        </dl>
        <div className="card">
          <h2>Timeline</h2>
          {timeline.length === 0 ? (
            <p className="muted">No events recorded.</p>
          ) : (
            <ol className="timeline" data-testid="call-timeline">
              {timeline.map((entry) => (
                <li key={entry.id} className={`tone-${entry.status ? callStatusTone(entry.status) : 'neutral'}`}>
                  <time dateTime={entry.at} className="mono">
                    {new Date(entry.at).toLocaleTimeString()}
                  </time>
                  <strong>{entry.title}</strong>
                  <span className="muted">{entry.detail}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      <CallReportPanel report={c.report} />
      {isTerminalCallStatus(c.status) && (
        <div className="card">
          <h2>Disposition</h2>
          <DispositionForm key={c.id} callId={c.id} initialDisposition={c.disposition} initialNotes={c.notes} />
        </div>
      )}
    </section>
  );
}
