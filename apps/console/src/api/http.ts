import { ZApiErrorSchema } from '@dialwave/contracts';

export interface ApiErrorDetail {
  field: string;
  message: string;
}

/** A non-2xx answer from the API, carrying its `{error:{code,message,details}}` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface HttpClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  postText<T>(path: string, text: string, contentType: string): Promise<T>;
  delete<T>(path: string): Promise<T>;
  /** A file the API streams (a CSV export), as a Blob. */
  getBlob(path: string): Promise<Blob>;
}

export interface HttpClientOptions {
  getToken: () => string | null;
  /** Called on a 401 so the console can drop a token the API no longer accepts. */
  onUnauthorized: () => void;
  fetchImpl?: typeof fetch;
}

/** Same-origin calls to `/api/...`; the dev and preview servers proxy them to campaign-api. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: string, path: string, body?: BodyInit, contentType?: string): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (contentType) headers['Content-Type'] = contentType;
    const token = options.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await doFetch(`/api${path}`, { method, headers, body });
    if (res.status === 204) return undefined as T;
    const payload: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      if (res.status === 401 && token) options.onUnauthorized();
      const parsed = ZApiErrorSchema.safeParse(payload);
      if (parsed.success) {
        const { code, message, details } = parsed.data.error;
        throw new ApiError(res.status, code, message, details);
      }
      throw new ApiError(res.status, 'HTTP_ERROR', `Request failed with HTTP ${res.status}`);
    }
    return payload as T;
  }

  async function getBlob(path: string): Promise<Blob> {
    const token = options.getToken();
    const res = await doFetch(`/api${path}`, { method: 'GET', headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (!res.ok) {
      if (res.status === 401 && token) options.onUnauthorized();
      const parsed = ZApiErrorSchema.safeParse(await res.json().catch(() => null));
      if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
      throw new ApiError(res.status, 'HTTP_ERROR', `Request failed with HTTP ${res.status}`);
    }
    return res.blob();
  }

  return {
    get: (path) => request('GET', path),
    delete: (path) => request('DELETE', path),
    getBlob,
    post: (path, body) => request('POST', path, body === undefined ? undefined : JSON.stringify(body), 'application/json'),
    patch: (path, body) =>
      request('PATCH', path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json'),
    postText: (path, text, contentType) => request('POST', path, text, contentType),
  };
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.details.map((d) => `${d.field}: ${d.message}`).join('; ');
    return fields && !error.message.includes(fields) ? `${error.message} (${fields})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
