import { Link } from 'react-router';
import { elapsedSeconds, type LiveCall } from '../dashboard/live-calls';
import { formatDuration } from '../dashboard/stats';
import { CallStatusBadge } from './StatusBadge';
import { useNow } from './useNow';

export function LiveCallsTable({ calls }: { calls: LiveCall[] }) {
  // Twice a second, so a call that just appeared does not sit at 0s for a whole tick.
  const now = useNow(500);
  if (calls.length === 0) return <p className="muted">No calls in progress.</p>;
  return (
    <table className="table" data-testid="live-calls">
      <thead>
        <tr>
          <th>Lead</th>
          <th>Phone</th>
          <th>Status</th>
          <th className="num">Time</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call) => (
          <tr key={call.callId} data-testid="live-call-row" data-status={call.status}>
            <td>
              {/* Calls read over REST carry no lead name until their next event. */}
              <Link to={`/calls/${call.callId}`}>{call.leadName || 'View call'}</Link>
            </td>
            <td className="mono">{call.phone}</td>
            <td>
              <CallStatusBadge status={call.status} />
            </td>
            <td className="num mono">{formatDuration(elapsedSeconds(call.startedAt, now))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
