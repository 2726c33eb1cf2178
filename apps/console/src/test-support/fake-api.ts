export interface RecordedRequest {
  method: string;
  path: string;
  auth: string | null;
  query: URLSearchParams;
  contentType: string | null;
  body: string | null;
}

type Route = (req: RecordedRequest) => unknown;

/** A route's answer with a status other than 200. */
export class FakeReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/**
 * A fetch that answers `/api` paths from a table of `"METHOD /path"` (query string ignored) and records
 * every request, so a test sees what the console asked for.
 */
export function fakeApi(routes: Record<string, Route | unknown>) {
  const requests: RecordedRequest[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://console.test');
    const method = init?.method ?? 'GET';
    const path = url.pathname.replace(/^\/api/, '');
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const req: RecordedRequest = {
      method,
      path,
      auth: headers.Authorization ?? null,
      query: url.searchParams,
      contentType: headers['Content-Type'] ?? null,
      body: typeof init?.body === 'string' ? init.body : null,
    };
    requests.push(req);
    const route = routes[`${method} ${path}`];
    if (route === undefined) return jsonResponse(404, { error: { code: 'NOT_FOUND', message: `no fake for ${method} ${path}` } });
    const answer = typeof route === 'function' ? await (route as Route)(req) : route;
    return answer instanceof FakeReply ? jsonResponse(answer.status, answer.body) : jsonResponse(200, answer);
  }) as typeof fetch;
  return { fetchImpl, requests };
}

function jsonResponse(status: number, body: unknown) {
  return {
    ok: status >= 200 && status < 300,
    status,
    json: async () => body,
  } as Response;
}
