import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { queryKeys } from '../api/query-keys';
import { useApi } from '../auth/SessionProvider';

/** `all` means every callable lead of the user, including ones not loaded here (the API's allLeads). */
export interface LeadSelection {
  all: boolean;
  ids: Set<string>;
}

const PAGE = 500;

export function LeadPicker({ selection, onChange }: { selection: LeadSelection; onChange: (next: LeadSelection) => void }) {
  const api = useApi();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const leads = useQuery({
    queryKey: queryKeys.leads(deferredSearch),
    queryFn: () => api.listLeads({ search: deferredSearch, limit: PAGE }),
  });
  const items = leads.data?.items ?? [];

  const toggle = (id: string) => {
    const ids = new Set(selection.all ? items.map((l) => l.id) : selection.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    onChange({ all: false, ids });
  };

  return (
    <div className="lead-picker">
      <div className="lead-picker-bar">
        <label className="inline">
          <input
            type="checkbox"
            name="selectAll"
            checked={selection.all}
            onChange={(e) => onChange({ all: e.target.checked, ids: new Set() })}
          />
          Select all leads
        </label>
        <input
          type="search"
          placeholder="Search leads"
          aria-label="Search leads"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {leads.isPending && <p className="muted">Loading leads…</p>}
      {leads.data && items.length === 0 && (
        <p className="muted">No leads{deferredSearch ? ' match' : ' yet: import a CSV above or add them on the Leads page'}.</p>
      )}
      {items.length > 0 && (
        <ul className="lead-list">
          {items.map((lead) => (
            <li key={lead.id}>
              <label className="inline">
                <input type="checkbox" checked={selection.all || selection.ids.has(lead.id)} onChange={() => toggle(lead.id)} />
                <span>{[lead.firstName, lead.lastName].filter(Boolean).join(' ')}</span>
                <span className="mono muted">{lead.phone}</span>
                {lead.company && <span className="muted">{lead.company}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      {leads.data?.nextCursor && <p className="muted">Showing the newest {PAGE}; search to narrow, or select all.</p>}
    </div>
  );
}
