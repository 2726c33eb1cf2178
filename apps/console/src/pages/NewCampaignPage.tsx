import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TCreateCampaignRequest } from '@dialwave/contracts';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';
import { CsvImport } from '../components/CsvImport';
import { LeadPicker, type LeadSelection } from '../components/LeadPicker';
import { DialingSettingsFields } from '../components/DialingSettingsFields';
import { defaultDialingSettings, toDialingFields } from '../campaigns/dialing-settings';

export function NewCampaignPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const agents = useQuery({ queryKey: queryKeys.agents, queryFn: () => api.listAgents() });
  const [name, setName] = useState('');
  const [agentId, setAgentId] = useState('');
  const [concurrency, setConcurrency] = useState(5);
  const [selection, setSelection] = useState<LeadSelection>({ all: false, ids: new Set() });
  const [showImport, setShowImport] = useState(false);
  const [dialing, setDialing] = useState(() => defaultDialingSettings());
  const dialingFields = toDialingFields(dialing);

  const chosenAgent = agentId || agents.data?.items[0]?.id || '';
  const leadCount = selection.all ? 'all' : selection.ids.size;

  const create = useMutation({
    mutationFn: (body: TCreateCampaignRequest) => api.createCampaign(body),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.campaigns, exact: true });
      void navigate(`/campaigns/${created.campaignId}`);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      agentId: chosenAgent,
      campaignName: name,
      maxConcurrentCalls: concurrency,
      ...dialingFields.fields,
      ...(selection.all ? { allLeads: true as const } : { leadIds: [...selection.ids] }),
    });
  };

  const noAgents = agents.data?.items.length === 0;
  const validConcurrency = Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 100;
  const canSubmit =
    !!chosenAgent &&
    name.trim() !== '' &&
    validConcurrency &&
    (selection.all || selection.ids.size > 0) &&
    !!dialingFields.fields &&
    !create.isPending;

  return (
    <section>
      <div className="page-head">
        <h1>New campaign</h1>
      </div>
      <form className="card form" onSubmit={submit}>
        <label>
          Name
          <input name="campaignName" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Agent
          {noAgents ? (
            <span className="muted">
              No agents yet. <Link to="/agents">Add one</Link> first.
            </span>
          ) : (
            <select name="agentId" value={chosenAgent} onChange={(e) => setAgentId(e.target.value)}>
              {agents.data?.items.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name} ({agent.provider.toLowerCase()}, {agent.fromNumber})
                </option>
              ))}
            </select>
          )}
        </label>
        <label>
          Concurrent calls (1–100)
          <input
            name="maxConcurrentCalls"
            type="number"
            min={1}
            max={100}
            required
            value={Number.isNaN(concurrency) ? '' : concurrency}
            onChange={(e) => setConcurrency(e.target.valueAsNumber)}
          />
        </label>
        <fieldset>
          <legend>
            Leads <span className="muted">({leadCount === 'all' ? 'all leads' : `${leadCount} selected`})</span>
            <button type="button" className="button ghost small" onClick={() => setShowImport((v) => !v)}>
              {showImport ? 'Hide CSV import' : 'Import CSV'}
            </button>
          </legend>
          {showImport && <CsvImport />}
          <LeadPicker selection={selection} onChange={setSelection} />
        </fieldset>
        <DialingSettingsFields value={dialing} onChange={setDialing} />
        {dialingFields.problems.length > 0 && (
          <ul className="error-text" data-testid="dialing-problems">
            {dialingFields.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        {create.isError && (
          <p role="alert" className="error-text">
            {errorMessage(create.error)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={!canSubmit}>
            {create.isPending ? 'Starting…' : 'Start campaign'}
          </button>
        </div>
      </form>
    </section>
  );
}
