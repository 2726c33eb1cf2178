import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useState, type FormEvent } from 'react';
import { ZLeadStatusSchema, type TCreateLeadRequest, type TLeadStatus } from '@dialwave/contracts';
import { errorMessage } from '../api/http';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';
import { Link } from 'react-router';
import { CsvImport } from '../components/CsvImport';
import { SentimentBadge } from '../components/SentimentBadge';

/** How the lifecycle reads to a person. */
export const LEAD_STATUS_LABELS: Record<TLeadStatus, string> = {
  NEW: 'New',
  CONTACTED: 'Contacted',
  VOICEMAIL: 'Voicemail',
  NO_ANSWER: 'No answer',
  BAD_NUMBER: 'Bad number',
  DO_NOT_CALL: 'Do not call',
};

const EMPTY_LEAD = { firstName: '', lastName: '', phone: '', email: '', company: '' };

export function LeadsPage() {
  const api = useApi();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const [status, setStatus] = useState<TLeadStatus | ''>('');
  const leads = useQuery({
    queryKey: queryKeys.leads(deferredSearch, status),
    queryFn: () => api.listLeads({ search: deferredSearch, limit: 200, ...(status ? { status } : {}) }),
  });

  return (
    <section>
      <div className="page-head">
        <h1>Leads</h1>
        <span className="head-actions">
          <select aria-label="Lead status" name="leadStatus" value={status} onChange={(e) => setStatus(e.target.value as TLeadStatus | '')}>
            <option value="">Every status</option>
            {ZLeadStatusSchema.options.map((option) => (
              <option key={option} value={option}>
                {LEAD_STATUS_LABELS[option]}
              </option>
            ))}
          </select>
          <input
            type="search"
            placeholder="Search name, phone, company"
            aria-label="Search leads"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </span>
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>Add a lead</h2>
          <AddLeadForm />
        </div>
        <div className="card">
          <h2>Import CSV</h2>
          <CsvImport />
        </div>
      </div>
      {leads.isError && <p className="error-text">{errorMessage(leads.error)}</p>}
      {leads.data && (
        <table className="table" data-testid="leads">
          <thead>
            <tr>
              <th>Name</th>
              <th>Phone</th>
              <th>Email</th>
              <th>Company</th>
              <th>Status</th>
              <th>Source</th>
              <th>Last call</th>
              <th>Last sentiment</th>
            </tr>
          </thead>
          <tbody>
            {leads.data.items.length === 0 && (
              <tr>
                <td colSpan={8} className="muted">
                  {deferredSearch || status ? 'No lead matches.' : 'No leads yet.'}
                </td>
              </tr>
            )}
            {leads.data.items.map((lead) => (
              <tr key={lead.id}>
                <td>
                  <Link to={`/leads/${lead.id}`}>{[lead.firstName, lead.lastName].filter(Boolean).join(' ')}</Link>
                </td>
                <td className="mono">{lead.phone}</td>
                <td>{lead.email}</td>
                <td>{lead.company}</td>
                <td data-testid="lead-status">{LEAD_STATUS_LABELS[lead.status]}</td>
                <td>{lead.source}</td>
                <td>{lead.lastCallAt ? new Date(lead.lastCallAt).toLocaleString() : '—'}</td>
                <td data-testid="lead-last-sentiment">
                  <SentimentBadge sentiment={lead.lastSentiment} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {leads.data?.nextCursor && <p className="muted">Showing the newest 200; search to find others.</p>}
    </section>
  );
}

function AddLeadForm() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(EMPTY_LEAD);
  const mutation = useMutation({
    mutationFn: (body: TCreateLeadRequest) => api.createLead(body),
    onSuccess: () => {
      setForm(EMPTY_LEAD);
      void queryClient.invalidateQueries({ queryKey: queryKeys.allLeads });
    },
  });
  const field = (key: keyof typeof EMPTY_LEAD) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    mutation.mutate({
      firstName: form.firstName.trim(),
      phone: form.phone.trim(),
      lastName: optional(form.lastName),
      email: optional(form.email),
      company: optional(form.company),
    });
  };
  return (
    <form className="form" onSubmit={submit}>
      <div className="row">
        <label>
          First name
          <input required {...field('firstName')} />
        </label>
        <label>
          Last name
          <input {...field('lastName')} />
        </label>
      </div>
      <div className="row">
        <label>
          Phone
          <input required placeholder="+15550100" {...field('phone')} />
        </label>
        <label>
          Email
          <input type="email" {...field('email')} />
        </label>
      </div>
      <label>
        Company
        <input {...field('company')} />
      </label>
      {mutation.isError && (
        <p role="alert" className="error-text">
          {errorMessage(mutation.error)}
        </p>
      )}
      {mutation.isSuccess && <p className="success-text">Lead added.</p>}
      <button type="submit" className="button primary" disabled={mutation.isPending}>
        {mutation.isPending ? 'Adding…' : 'Add lead'}
      </button>
    </form>
  );
}
