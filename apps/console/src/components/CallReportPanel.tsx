import type { TCallReport } from '@dialwave/contracts';
import { SentimentBadge } from './SentimentBadge';

/** What the voice agent heard and concluded: summary, verdict, structured data, and the conversation itself. */
export function CallReportPanel({ report }: { report: TCallReport | null }) {
  if (!report) {
    return (
      <div className="card" data-testid="call-report">
        <h2>Conversation</h2>
        <p className="muted">No report from a voice agent for this call.</p>
      </div>
    );
  }
  const data = Object.entries(report.data ?? {});
  return (
    <div className="card" data-testid="call-report">
      <h2>
        Conversation <SentimentBadge sentiment={report.sentiment} source={report.sentimentSource} />{' '}
        {report.successful !== null && (
          <span className={`badge tone-${report.successful ? 'success' : 'neutral'}`} data-testid="call-report-successful">
            {report.successful ? 'goal reached' : 'goal not reached'}
          </span>
        )}
      </h2>
      {report.summary && (
        <p className="report-summary" data-testid="call-report-summary">
          {report.summary}
        </p>
      )}
      {report.sentimentSource === 'computed' && <p className="muted small">* sentiment computed by Dialwave from the caller's words</p>}
      {data.length > 0 && (
        <dl className="facts report-data" data-testid="call-report-data">
          {data.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd className="mono">{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {report.transcript.length === 0 ? (
        <p className="muted">The transcript is empty.</p>
      ) : (
        <ol className="transcript" data-testid="transcript">
          {report.transcript.map((turn, i) => (
            <li key={i} className={`turn turn-${turn.role}`} data-role={turn.role}>
              <span className="turn-who">
                {turn.role === 'agent' ? 'Agent' : 'Caller'}
                {turn.atSeconds !== undefined && <span className="muted mono"> {formatOffset(turn.atSeconds)}</span>}
              </span>
              <span className="turn-text">{turn.text}</span>
            </li>
          ))}
        </ol>
      )}
      {report.revisions > 1 && <p className="muted small">Report revised {report.revisions - 1} time(s); this is the latest.</p>}
    </div>
  );
}

function formatOffset(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
