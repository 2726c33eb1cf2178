import type {
  TAgent,
  TAuthResponse,
  TCall,
  TCallDetail,
  TCallLog,
  TCallSearchHit,
  TCampaign,
  TCampaignWithStats,
  TCallStatus,
  TCreateAgentRequest,
  TCreateCampaignRequest,
  TCreateCampaignResponse,
  TCreateLeadRequest,
  TLead,
  TLeadImportResult,
  TLoginRequest,
  TPage,
  TSignupResponse,
  TSignupRequest,
} from '@dialwave/contracts';

/** A non-2xx answer, with what the server said, so a failing test shows the API's error body. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    this.name = 'ApiError';
  }
}

export interface PageOptions {
  limit?: number;
  cursor?: string;
}

/** The campaign-api REST contract over fetch, for end-to-end tests and benchmarks. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private token?: string,
  ) {}

  /** A client for the same API acting as another user. */
  as(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  get authToken(): string | undefined {
    return this.token;
  }

  /**
   * Development mode answers signup with a session (201); production posture answers 202 alike for new and
   * taken emails, and logging in with the chosen password gives the session.
   */
  async signup(body: TSignupRequest): Promise<TAuthResponse> {
    const answer = await this.request<TSignupResponse>('POST', '/api/auth/signup', body);
    if ('token' in answer) {
      this.token = answer.token;
      return answer;
    }
    return this.login({ email: body.email, password: body.password });
  }

  async login(body: TLoginRequest): Promise<TAuthResponse> {
    const auth = await this.request<TAuthResponse>('POST', '/api/auth/login', body);
    this.token = auth.token;
    return auth;
  }

  createAgent(body: TCreateAgentRequest): Promise<TAgent> {
    return this.request('POST', '/api/agents', body);
  }

  listAgents(): Promise<TPage<TAgent>> {
    return this.request('GET', '/api/agents');
  }

  createLead(body: TCreateLeadRequest): Promise<TLead> {
    return this.request('POST', '/api/leads', body);
  }

  listLeads(page: PageOptions = {}): Promise<TPage<TLead>> {
    return this.request('GET', `/api/leads${query(page)}`);
  }

  /** `csv` starts with the header row `firstName,lastName,phone,email,company,timezone`. */
  importCsv(csv: string): Promise<TLeadImportResult> {
    return this.request('POST', '/api/leads/import', csv, 'text/csv');
  }

  createCampaign(body: TCreateCampaignRequest): Promise<TCreateCampaignResponse> {
    return this.request('POST', '/api/campaigns', body);
  }

  listCampaigns(page: PageOptions = {}): Promise<TPage<TCampaign>> {
    return this.request('GET', `/api/campaigns${query(page)}`);
  }

  getCampaign(campaignId: string): Promise<TCampaignWithStats> {
    return this.request('GET', `/api/campaigns/${campaignId}`);
  }

  pauseCampaign(campaignId: string): Promise<TCampaignWithStats> {
    return this.request('PATCH', `/api/campaigns/${campaignId}/pause`);
  }

  resumeCampaign(campaignId: string): Promise<TCampaignWithStats> {
    return this.request('PATCH', `/api/campaigns/${campaignId}/resume`);
  }

  cancelCampaign(campaignId: string): Promise<TCampaignWithStats> {
    return this.request('PATCH', `/api/campaigns/${campaignId}/cancel`);
  }

  listCalls(campaignId: string, options: PageOptions & { status?: TCallStatus } = {}): Promise<TPage<TCall>> {
    return this.request('GET', `/api/campaigns/${campaignId}/calls${query(options)}`);
  }

  /** Every call of a campaign, following the cursor. */
  async allCalls(campaignId: string): Promise<TCall[]> {
    const calls: TCall[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.listCalls(campaignId, { limit: 500, cursor });
      calls.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return calls;
  }

  callLogs(campaignId: string, page: PageOptions = {}): Promise<TPage<TCallLog>> {
    return this.request('GET', `/api/call-logs/${campaignId}${query(page)}`);
  }

  getCall(callId: string): Promise<TCallDetail> {
    return this.request('GET', `/api/calls/${callId}`);
  }

  /** Full-text search over the user's transcripts and summaries. */
  searchCalls(q: string, page: PageOptions = {}): Promise<TPage<TCallSearchHit>> {
    return this.request('GET', `/api/calls${query({ q, ...page })}`);
  }

  async request<T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = contentType;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    if (!response.ok) throw new ApiError(method, path, response.status, parsed);
    return parsed as T;
  }
}

function query(params: object): string {
  const entries = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]): [string, string] => [key, String(value)]);
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}
