/** Every react-query key in one place, so socket handlers patch exactly what pages read. */
export const queryKeys = {
  agents: ['agents'] as const,
  dnc: ['dnc'] as const,
  leads: (search: string, status = '') => ['leads', search, status] as const,
  allLeads: ['leads'] as const,
  campaigns: ['campaigns'] as const,
  campaign: (id: string) => ['campaign', id] as const,
  liveCalls: (id: string) => ['campaign', id, 'live-calls'] as const,
  callLog: (id: string) => ['campaign', id, 'log'] as const,
  outcomes: (id: string) => ['campaign', id, 'outcomes'] as const,
  call: (id: string) => ['call', id] as const,
  lead: (id: string) => ['lead', id] as const,
  callSearch: (q: string) => ['call-search', q] as const,
  everyCampaign: ['campaign'] as const,
};
