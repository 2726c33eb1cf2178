import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';
import { currentCallPhase, talkSeconds, type AcceptedCall } from '../incoming/current-call';
import { formatDuration } from '../dashboard/stats';
import { DispositionForm } from './DispositionForm';
import { RecordingPlayer } from './RecordingPlayer';
import { CallStatusBadge } from './StatusBadge';
import { useNow } from './useNow';

/** A slow safety net under the socket: the end of the call shows even if its event was missed. */
const LIVE_POLL_MS = 5_000;

/** The accepted call, docked in a corner: a running timer while it lasts, then its disposition. */
export function CurrentCallPanel({ accepted, onClose }: { accepted: AcceptedCall; onClose: () => void }) {
  const api = useApi();
  const now = useNow(500);
  // call:status-updated invalidates this key, so the panel follows the call without polling hard.
  const call = useQuery({
    queryKey: queryKeys.call(accepted.callId),
    queryFn: () => api.getCall(accepted.callId),
    refetchInterval: (query) => (currentCallPhase(query.state.data) === 'live' ? LIVE_POLL_MS : false),
  });
  const phase = currentCallPhase(call.data);
  const seconds = talkSeconds(accepted, call.data, now);

  return (
    <aside className="current-call card" aria-label="Current call" data-testid="current-call" data-phase={phase}>
      <h2>
        {phase === 'live' ? 'Current call' : 'Call ended'}{' '}
        {call.data && <CallStatusBadge status={call.data.status} answeredBy={call.data.answeredBy} />}
        <span className="mono current-call-timer" data-testid="current-call-timer" data-seconds={seconds}>
          {formatDuration(seconds)}
        </span>
      </h2>
      <p>
        <strong data-testid="current-call-name">{accepted.callerName}</strong> <span className="mono muted">{accepted.phoneNumber}</span> ·{' '}
        <Link to={`/calls/${accepted.callId}`}>details</Link>
      </p>
      {call.isError && <p className="error-text">{errorMessage(call.error)}</p>}
      {phase === 'ended' && (
        <>
          {call.data?.recordingUrl && <RecordingPlayer url={call.data.recordingUrl} />}
          <DispositionForm callId={accepted.callId} initialDisposition={call.data?.disposition} initialNotes={call.data?.notes} />
          <button type="button" className="button ghost small" onClick={onClose}>
            Close
          </button>
        </>
      )}
    </aside>
  );
}
