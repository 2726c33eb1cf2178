import { useState } from 'react';
import { errorMessage } from '../api/http';
import { useApi } from '../auth/SessionProvider';

/** Downloads the campaign's calls as CSV (the API streams it; the token rides in the header, not the URL). */
export function ExportCallsButton({ campaignId }: { campaignId: string }) {
  const api = useApi();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const download = async () => {
    setState({ busy: true });
    try {
      const blob = await api.exportCampaignCalls(campaignId);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `campaign-${campaignId}-calls.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ busy: false });
    } catch (err) {
      setState({ busy: false, error: errorMessage(err) });
    }
  };
  return (
    <span>
      <button type="button" className="button ghost" data-testid="export-calls" disabled={state.busy} onClick={() => void download()}>
        {state.busy ? 'Exporting…' : 'Export calls (CSV)'}
      </button>
      {state.error && <span className="error-text">{state.error}</span>}
    </span>
  );
}
