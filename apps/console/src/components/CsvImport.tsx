import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { LEAD_CSV_COLUMNS, type TLeadImportResult } from '@dialwave/contracts';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';

/** Upload a file or paste rows; shows what was created, what was already there, and each bad row. */
export function CsvImport({ onImported }: { onImported?: (result: TLeadImportResult) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const mutation = useMutation({
    mutationFn: (csv: string) => api.importLeads(csv),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.allLeads });
      onImported?.(result);
    },
  });

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
  };

  const result = mutation.data;
  return (
    <div className="csv-import">
      <p className="muted">
        Header row: <code>{LEAD_CSV_COLUMNS.join(',')}</code>
      </p>
      <input type="file" accept=".csv,text/csv" aria-label="CSV file" onChange={(e) => void readFile(e)} />
      <textarea
        aria-label="CSV rows"
        rows={5}
        value={text}
        placeholder={`${LEAD_CSV_COLUMNS.join(',')}\nAda,Lovelace,+15550100,ada@example.com,,`}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="button" className="button" disabled={!text.trim() || mutation.isPending} onClick={() => mutation.mutate(text)}>
        {mutation.isPending ? 'Importing…' : 'Import CSV'}
      </button>
      {mutation.isError && (
        <p role="alert" className="error-text">
          {errorMessage(mutation.error)}
        </p>
      )}
      {result && (
        <div className="import-result" data-testid="import-result">
          <p>
            <strong>{result.created}</strong> created, <strong>{result.duplicates}</strong> duplicates,{' '}
            <strong>{result.invalidCount}</strong> invalid
            {result.invalidCount > result.invalid.length && ` (the first ${result.invalid.length} are listed)`}
          </p>
          {result.invalid.length > 0 && (
            <table className="table compact">
              <thead>
                <tr>
                  <th>Row</th>
                  <th>Field</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {result.invalid.map((row) => (
                  <tr key={`${row.row}-${row.field}`}>
                    <td className="num">{row.row}</td>
                    <td>{row.field}</td>
                    <td>{row.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
