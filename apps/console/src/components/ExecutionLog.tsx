import { Link } from 'react-router';
import { callStatusTone } from '../dashboard/call-status';
import type { LogEntry } from '../dashboard/call-log';
import { RecordingPlayer } from './RecordingPlayer';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function ExecutionLog({ entries }: { entries: LogEntry[] }) {
  if (entries.length === 0) return <p className="muted">No call events yet.</p>;
  return (
    <ol className="log" data-testid="execution-log">
      {entries.map((entry) => (
        <li
          key={entry.id}
          className={`log-entry tone-${entry.status ? callStatusTone(entry.status) : 'neutral'}`}
          data-status={entry.status ?? ''}
        >
          <time dateTime={entry.at} className="mono">
            {timeFormat.format(new Date(entry.at))}
          </time>
          <Link to={`/calls/${entry.callId}`} className="log-title">
            {entry.title}
          </Link>
          <span className="log-detail">
            {entry.detail}
            {entry.recordingUrl && (
              <>
                {' '}
                <RecordingPlayer url={entry.recordingUrl} compact />
              </>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
