import type { z } from 'zod';
import type {
  TAgent,
  TAuthResponse,
  TCall,
  TCallDetail,
  TCallLog,
  TCallSearchHit,
  TCallStatus,
  TCampaign,
  TCampaignWithStats,
  TCreateAgentRequest,
  TCreateCampaignRequest,
  TCreateCampaignResponse,
  TCreateLeadRequest,
  TDispositionRequest,
  TLead,
  TLeadImportResult,
  TLeadListItem,
  TLeadWithCalls,
  TLoginRequest,
  TPage,
  TSignupResponse,
  TSignupRequest,
  ZAcceptCallRequestSchema,
  ZRejectCallRequestSchema,
  TDncEntry,
  TDncImportResult,
  TLeadStatus,
} from '@dialwave/contracts';
import type { HttpClient } from './http';

/** `GET /api/calls/:id`: the call, its log and its voice agent's report. */
export type TCallWithLogs = TCallDetail;
export type TAcceptCallBody = z.infer<typeof ZAcceptCallRequestSchema>;
export type TRejectCallBody = z.infer<typeof ZRejectCallRequestSchema>;
export type CampaignAction = 'pause' | 'resume' | 'cancel';

export interface PageParams {
  limit?: number;
  cursor?: string | null;
}

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Every REST call the console makes, typed with the contracts' shapes. */
export function createApi(http: HttpClient) {
  return {
    /** 202 whether or not the email was free (no account enumeration): log in next. */
    signup: (body: TSignupRequest) => http.post<TSignupResponse>('/auth/signup', body),
    login: (body: TLoginRequest) => http.post<TAuthResponse>('/auth/login', body),

    listAgents: () => http.get<TPage<TAgent>>('/agents'),
    createAgent: (body: TCreateAgentRequest) => http.post<TAgent>('/agents', body),

    listLeads: (params: PageParams & { search?: string; status?: TLeadStatus } = {}) =>
      http.get<TPage<TLeadListItem>>(
        `/leads${query({ limit: params.limit, cursor: params.cursor, search: params.search, status: params.status })}`,
      ),
    getLead: (id: string) => http.get<TLeadWithCalls>(`/leads/${encodeURIComponent(id)}`),
    createLead: (body: TCreateLeadRequest) => http.post<TLead>('/leads', body),
    importLeads: (csv: string) => http.postText<TLeadImportResult>('/leads/import', csv, 'text/csv'),

    listCampaigns: (params: PageParams = {}) =>
      http.get<TPage<TCampaign>>(`/campaigns${query({ limit: params.limit, cursor: params.cursor })}`),
    getCampaign: (id: string) => http.get<TCampaignWithStats>(`/campaigns/${encodeURIComponent(id)}`),
    createCampaign: (body: TCreateCampaignRequest) => http.post<TCreateCampaignResponse>('/campaigns', body),
    changeCampaign: (id: string, action: CampaignAction) =>
      http.patch<TCampaignWithStats>(`/campaigns/${encodeURIComponent(id)}/${action}`),
    listCampaignCalls: (id: string, params: PageParams & { status?: TCallStatus } = {}) =>
      http.get<TPage<TCall>>(
        `/campaigns/${encodeURIComponent(id)}/calls${query({ limit: params.limit, cursor: params.cursor, status: params.status })}`,
      ),
    listCampaignLogs: (id: string, params: PageParams = {}) =>
      http.get<TPage<TCallLog>>(`/call-logs/${encodeURIComponent(id)}${query({ limit: params.limit, cursor: params.cursor })}`),

    getCall: (id: string) => http.get<TCallWithLogs>(`/calls/${encodeURIComponent(id)}`),
    searchCalls: (q: string, params: PageParams = {}) =>
      http.get<TPage<TCallSearchHit>>(`/calls${query({ q, limit: params.limit, cursor: params.cursor })}`),
    acceptCall: (id: string, body: TAcceptCallBody) => http.post<TCall>(`/calls/${encodeURIComponent(id)}/accept`, body),
    rejectCall: (id: string, body: TRejectCallBody) => http.post<TCall>(`/calls/${encodeURIComponent(id)}/reject`, body),
    exportCampaignCalls: (id: string) => http.getBlob(`/campaigns/${encodeURIComponent(id)}/calls.csv`),

    listDnc: (params: PageParams = {}) => http.get<TPage<TDncEntry>>(`/dnc${query({ limit: params.limit, cursor: params.cursor })}`),
    addDnc: (phone: string) => http.post<TDncEntry>('/dnc', { phone }),
    removeDnc: (phone: string) => http.delete<void>(`/dnc/${encodeURIComponent(phone)}`),
    importDnc: (csv: string) => http.postText<TDncImportResult>('/dnc/import', csv, 'text/csv'),

    recordDisposition: (id: string, body: TDispositionRequest) => http.post<TCall>(`/calls/${encodeURIComponent(id)}/disposition`, body),
  };
}

export type Api = ReturnType<typeof createApi>;
