import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';

/** The user's do-not-call list: numbers no campaign dials, checked again just before every dial. */
export function DncPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const entries = useQuery({ queryKey: queryKeys.dnc, queryFn: () => api.listDnc({ limit: 500 }) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.dnc });
  const [phone, setPhone] = useState('');
  const add = useMutation({ mutationFn: (value: string) => api.addDnc(value), onSuccess: () => (setPhone(''), refresh()) });
  const remove = useMutation({ mutationFn: (value: string) => api.removeDnc(value), onSuccess: refresh });
  const importCsv = useMutation({ mutationFn: (csv: string) => api.importDnc(csv), onSuccess: refresh });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(phone.trim());
  };
  const pickFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) importCsv.mutate(await file.text());
    event.target.value = '';
  };

  return (
    <section>
      <div className="page-head">
        <h1>Do not call</h1>
      </div>
      <div className="grid-2">
        <form className="card form" onSubmit={submit}>
          <h2>Add a number</h2>
          <label>
            Phone
            <input name="dncPhone" required placeholder="+15550100" value={phone} onChange={(e) => setPhone(e.target.value)} />
          </label>
          {add.isError && (
            <p role="alert" className="error-text">
              {errorMessage(add.error)}
            </p>
          )}
          <button type="submit" className="button primary" disabled={add.isPending}>
            Add to the list
          </button>
        </form>
        <div className="card form">
          <h2>Import CSV</h2>
          <p className="muted">A header row with a phone column; other columns are ignored.</p>
          <input type="file" accept=".csv,text/csv" aria-label="Do-not-call CSV" onChange={(e) => void pickFile(e)} />
          {importCsv.data && (
            <p className="success-text" data-testid="dnc-import-result">
              {importCsv.data.added} added, {importCsv.data.duplicates} already listed, {importCsv.data.invalidCount} invalid
            </p>
          )}
          {importCsv.isError && <p className="error-text">{errorMessage(importCsv.error)}</p>}
        </div>
      </div>
      {entries.isError && <p className="error-text">{errorMessage(entries.error)}</p>}
      {entries.data && (
        <table className="table" data-testid="dnc-list">
          <thead>
            <tr>
              <th>Phone</th>
              <th>Added by</th>
              <th>Since</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.data.items.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  No numbers yet.
                </td>
              </tr>
            )}
            {entries.data.items.map((entry) => (
              <tr key={entry.phone} data-phone={entry.phone}>
                <td className="mono">{entry.phone}</td>
                <td>{entry.source === 'DISPOSITION' ? 'call disposition' : entry.source === 'IMPORT' ? 'import' : 'added'}</td>
                <td>{new Date(entry.createdAt).toLocaleString()}</td>
                <td>
                  <button
                    type="button"
                    className="button ghost small"
                    onClick={() => remove.mutate(entry.phone)}
                    disabled={remove.isPending}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
