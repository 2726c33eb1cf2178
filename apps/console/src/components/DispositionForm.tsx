import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ZDispositionSchema, type TCall, type TDisposition } from '@dialwave/contracts';
import type { TCallWithLogs } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';
import { humanizeCode } from '../incoming/caller';

interface Props {
  callId: string;
  /** What the call already carries, so a second save edits it rather than starting blank. */
  initialDisposition?: string | null;
  initialNotes?: string | null;
  onSaved?: (call: TCall) => void;
}

function asDisposition(value: string | null | undefined): TDisposition | '' {
  const parsed = ZDispositionSchema.safeParse(value);
  return parsed.success ? parsed.data : '';
}

/** How a finished call went, in the fixed words reports count by, plus free notes. */
export function DispositionForm({ callId, initialDisposition, initialNotes, onSaved }: Props) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [disposition, setDisposition] = useState<TDisposition | ''>(asDisposition(initialDisposition));
  const [notes, setNotes] = useState(initialNotes ?? '');
  const save = useMutation({
    mutationFn: (body: { disposition: TDisposition; notes?: string }) => api.recordDisposition(callId, body),
    onSuccess: (call) => {
      queryClient.setQueryData<TCallWithLogs>(queryKeys.call(callId), (current) =>
        current ? { ...current, ...call, logs: current.logs } : current,
      );
      onSaved?.(call);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!disposition) return;
    const trimmed = notes.trim();
    save.mutate({ disposition, ...(trimmed ? { notes: trimmed } : {}) });
  }

  return (
    <form className="form disposition-form" onSubmit={submit} data-testid="disposition-form">
      <label>
        Disposition
        <select value={disposition} onChange={(e) => setDisposition(asDisposition(e.target.value))} required>
          <option value="" disabled>
            Choose an outcome…
          </option>
          {ZDispositionSchema.options.map((option) => (
            <option key={option} value={option}>
              {humanizeCode(option)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Notes
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} maxLength={2000} />
      </label>
      {save.isError && <p className="error-text">{errorMessage(save.error)}</p>}
      {save.isSuccess && !save.isPending && (
        <p className="success-text" data-testid="disposition-saved">
          Saved: {humanizeCode(save.data.disposition ?? disposition)}
        </p>
      )}
      <button type="submit" className="button primary" disabled={!disposition || save.isPending}>
        {save.isPending ? 'Saving…' : 'Save disposition'}
      </button>
    </form>
  );
}
