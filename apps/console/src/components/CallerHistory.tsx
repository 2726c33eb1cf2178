import { Link } from 'react-router';
import type { TIncomingCallEvent } from '@dialwave/contracts';
import { historyDuration, humanizeCode, type CallHistoryEntry } from '../incoming/caller';
import { SentimentBadge } from './SentimentBadge';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const formatAt = (iso: string) => dateTime.format(new Date(iso));

interface Props {
  /** Earlier calls, newest first. */
  history: readonly CallHistoryEntry[];
  lastSummary: TIncomingCallEvent['lastSummary'];
  testId?: string;
}

/** Every earlier call with this person: when, which way, how it ended, how it felt; and what was said last. */
export function CallerHistory({ history, lastSummary, testId = 'incoming-history' }: Props) {
  return (
    <>
      {lastSummary && (
        <p className="last-summary" data-testid="last-summary">
          <span className="tile-label">Last summary · {formatAt(lastSummary.at)}</span>
          <br />
          {lastSummary.summary}
        </p>
      )}
      {history.length > 0 && (
        <div className="history-scroll">
          <table className="table compact" data-testid={testId}>
            <thead>
              <tr>
                <th>When</th>
                <th>Direction</th>
                <th>Outcome</th>
                <th>Sentiment</th>
                <th className="num">Duration</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => (
                <tr key={entry.callId} data-call-id={entry.callId}>
                  <td>
                    <Link to={`/calls/${entry.callId}`}>{formatAt(entry.at)}</Link>
                  </td>
                  <td>{humanizeCode(entry.direction)}</td>
                  <td>{humanizeCode(entry.disposition ?? entry.status)}</td>
                  <td>
                    <SentimentBadge sentiment={entry.sentiment} />
                  </td>
                  <td className="num mono">{historyDuration(entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
