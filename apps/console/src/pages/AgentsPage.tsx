import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ZApiProviderSchema, type TApiProvider, type TCreateAgentRequest } from '@dialwave/contracts';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';

export function AgentsPage() {
  const api = useApi();
  const agents = useQuery({ queryKey: queryKeys.agents, queryFn: () => api.listAgents() });
  return (
    <section>
      <div className="page-head">
        <h1>Agents</h1>
      </div>
      <div className="card">
        <h2>Add an agent</h2>
        <AddAgentForm />
      </div>
      {agents.isError && <p className="error-text">{errorMessage(agents.error)}</p>}
      {agents.data && (
        <table className="table" data-testid="agents">
          <thead>
            <tr>
              <th>Name</th>
              <th>Provider</th>
              <th>From number</th>
              <th>Greeting</th>
              <th>Records calls</th>
            </tr>
          </thead>
          <tbody>
            {agents.data.items.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No agents yet.
                </td>
              </tr>
            )}
            {agents.data.items.map((agent) => (
              <tr key={agent.id}>
                <td>{agent.name}</td>
                <td>{agent.provider}</td>
                <td className="mono">{agent.fromNumber}</td>
                <td className="clip">{agent.greeting}</td>
                <td>{agent.recordCalls ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AddAgentForm() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [provider, setProvider] = useState<TApiProvider>('simulator');
  const [fromNumber, setFromNumber] = useState('');
  const [greeting, setGreeting] = useState('');
  const [recordCalls, setRecordCalls] = useState(false);
  const mutation = useMutation({
    mutationFn: (body: TCreateAgentRequest) => api.createAgent(body),
    onSuccess: () => {
      setName('');
      setFromNumber('');
      setGreeting('');
      setRecordCalls(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.agents });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate({ name: name.trim(), provider, fromNumber: fromNumber.trim(), greeting: greeting.trim() || undefined, recordCalls });
  };
  return (
    <form className="form" onSubmit={submit}>
      <div className="row">
        <label>
          Name
          <input name="name" required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Provider
          <select name="provider" value={provider} onChange={(e) => setProvider(ZApiProviderSchema.parse(e.target.value))}>
            {ZApiProviderSchema.options.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          From number
          <input name="fromNumber" required placeholder="+15550000" value={fromNumber} onChange={(e) => setFromNumber(e.target.value)} />
        </label>
      </div>
      <label>
        Greeting
        <textarea
          name="greeting"
          rows={2}
          placeholder="Hi, this is Dialwave calling about…"
          value={greeting}
          onChange={(e) => setGreeting(e.target.value)}
        />
      </label>
      <label className="inline">
        <input type="checkbox" name="recordCalls" checked={recordCalls} onChange={(e) => setRecordCalls(e.target.checked)} />
        Record calls
      </label>
      {mutation.isError && (
        <p role="alert" className="error-text">
          {errorMessage(mutation.error)}
        </p>
      )}
      <button type="submit" className="button primary" disabled={mutation.isPending}>
        {mutation.isPending ? 'Adding…' : 'Add agent'}
      </button>
    </form>
  );
}
