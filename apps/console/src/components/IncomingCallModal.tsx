import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { TIncomingCallEvent } from '@dialwave/contracts';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';
import { suggestionReasonText } from '../analysis/sentiment';
import { callerDisplayName, humanizeCode, lastCallSummary, leadStatusWarning, recentHistory } from '../incoming/caller';
import { CallerHistory } from './CallerHistory';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const formatAt = (iso: string) => dateTime.format(new Date(iso));

interface Props {
  call: TIncomingCallEvent;
  /** How many more calls ring behind this one. */
  waiting: number;
  onAccepted: (call: TIncomingCallEvent, callerName: string) => void;
  onRejected: (call: TIncomingCallEvent) => void;
  /** Hides the call here without answering it (it keeps ringing for the caller). */
  onHide: (call: TIncomingCallEvent) => void;
}

/** The ringing call at the head of the queue: who it is, what happened last time, answer or refuse. */
export function IncomingCallModal({ call, waiting, onAccepted, onRejected, onHide }: Props) {
  const api = useApi();
  const titleId = useId();
  const agents = useQuery({ queryKey: queryKeys.agents, queryFn: () => api.listAgents() });
  const [agentId, setAgentId] = useState(call.suggestedAgent?.id ?? '');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');

  const name = callerDisplayName(call.lead);
  const accept = useMutation({
    mutationFn: () => api.acceptCall(call.callId, agentId ? { agentId } : {}),
    onSuccess: () => onAccepted(call, name),
  });
  const reject = useMutation({
    mutationFn: () => api.rejectCall(call.callId, reason.trim() ? { reason: reason.trim() } : {}),
    onSuccess: () => onRejected(call),
  });
  const busy = accept.isPending || reject.isPending;

  const warning = leadStatusWarning(call.lead?.status);
  const last = lastCallSummary(call.history, call.callId);
  // Every earlier call the event carries, not only the last few: the modal scrolls.
  const history = recentHistory(call.history, call.callId, call.history.length);
  const suggestionReason = suggestionReasonText(call.suggestedAgent?.reason);
  // The suggested agent stays choosable while the list loads (or if it is not in the list).
  const agentOptions = agents.data?.items ?? [];
  const suggestedMissing = call.suggestedAgent && !agentOptions.some((a) => a.id === call.suggestedAgent?.id);

  function confirmReject(event: FormEvent) {
    event.preventDefault();
    reject.mutate();
  }

  return (
    <div className="modal-backdrop">
      <div
        className="modal incoming-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="incoming-call-modal"
        data-call-id={call.callId}
      >
        <header className="incoming-head">
          <span className="ring-pulse" aria-hidden="true" data-testid="ring-indicator">
            ☎
          </span>
          <div className="incoming-who">
            <span className="tile-label">Incoming call</span>
            <h2 id={titleId} data-testid="incoming-caller-name">
              {name}
            </h2>
            <span className="mono" data-testid="incoming-caller-phone">
              {call.phoneNumber}
            </span>
            {call.lead?.company && (
              <span className="muted" data-testid="incoming-caller-company">
                {call.lead.company}
              </span>
            )}
          </div>
          {waiting > 0 && (
            <span className="count waiting" data-testid="incoming-waiting" title="More calls are ringing">
              +{waiting} waiting
            </span>
          )}
          <button type="button" className="button ghost small" aria-label="Hide this call" onClick={() => onHide(call)} disabled={busy}>
            ✕
          </button>
        </header>

        {call.lead && (
          <p className="incoming-status">
            Lead status{' '}
            <span className={`badge tone-${warning ? 'danger' : 'neutral'}`} data-testid="incoming-lead-status">
              {humanizeCode(call.lead.status)}
            </span>
          </p>
        )}
        {warning && (
          <p className="warning-box" role="alert" data-testid="incoming-lead-warning">
            {warning}
          </p>
        )}

        <p data-testid="incoming-last-call">
          {last ? (
            <>
              Last call: <strong>{formatAt(last.at)}</strong> · {last.direction} · {last.outcome} · {last.duration}
            </>
          ) : (
            <span className="muted">First call from this number.</span>
          )}
        </p>

        <CallerHistory history={history} lastSummary={call.lastSummary} />

        {rejecting ? (
          <form className="form incoming-actions" onSubmit={confirmReject}>
            <label>
              Reason (optional)
              <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoFocus />
            </label>
            <div className="controls">
              <button type="submit" className="button danger" disabled={busy}>
                {reject.isPending ? 'Rejecting…' : 'Confirm reject'}
              </button>
              <button type="button" className="button ghost" onClick={() => setRejecting(false)} disabled={busy}>
                Back
              </button>
            </div>
          </form>
        ) : (
          <div className="form incoming-actions">
            <label>
              Answer as
              <select value={agentId} onChange={(e) => setAgentId(e.target.value)} disabled={busy}>
                <option value="">The number's own agent</option>
                {suggestedMissing && call.suggestedAgent && <option value={call.suggestedAgent.id}>{call.suggestedAgent.name}</option>}
                {agentOptions.map((agent) => (
                  <option key={agent.id} value={agent.id}>
                    {agent.name}
                    {agent.id === call.suggestedAgent?.id ? ' (suggested)' : ''}
                  </option>
                ))}
              </select>
            </label>
            {call.suggestedAgent && suggestionReason && (
              <p className="muted small" data-testid="incoming-suggestion-reason">
                Suggested: {call.suggestedAgent.name} · {suggestionReason}
              </p>
            )}
            <div className="controls">
              <button type="button" className="button primary accept" onClick={() => accept.mutate()} disabled={busy}>
                {accept.isPending ? 'Accepting…' : 'Accept'}
              </button>
              <button type="button" className="button danger" onClick={() => setRejecting(true)} disabled={busy}>
                Reject
              </button>
            </div>
          </div>
        )}
        {agents.isError && <p className="error-text">Agents: {errorMessage(agents.error)}</p>}
        {accept.isError && (
          <p className="error-text" role="alert" data-testid="incoming-error">
            {errorMessage(accept.error)}
          </p>
        )}
        {reject.isError && (
          <p className="error-text" role="alert" data-testid="incoming-error">
            {errorMessage(reject.error)}
          </p>
        )}
      </div>
    </div>
  );
}
