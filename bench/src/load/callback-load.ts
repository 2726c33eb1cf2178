import autocannon from 'autocannon';
import { round } from '../report/stats';

export interface PreparedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  target: string;
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationS: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
}

/**
 * Sends each prepared request once, in order, over `connections` keep-alive connections: every connection
 * takes the next request from one shared cursor, so a call's ringing callback leaves before its
 * in-progress one. Bounded by the request count and by `maxSeconds`.
 */
export async function sendPreparedRequests(
  target: string,
  baseUrl: string,
  prepared: readonly PreparedRequest[],
  { connections = 50, maxSeconds = 60 }: { connections?: number; maxSeconds?: number } = {},
): Promise<LoadResult> {
  let cursor = 0;
  // autocannon builds each connection's next request before it knows the run is over, so the cursor may
  // run past the end; those extra builds repeat the last request and are never sent within `amount`.
  const next = () => prepared[Math.min(cursor++, prepared.length - 1)]!;
  const instance = autocannon({
    url: baseUrl,
    connections,
    amount: prepared.length,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const chosen = next();
          return { ...request, method: 'POST', path: chosen.path, headers: chosen.headers, body: chosen.body };
        },
      },
    ],
  });
  const timer = setTimeout(() => instance.stop(), maxSeconds * 1000);
  try {
    const result = await instance;
    const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, Number(stat.count)]));
    const requests = result.requests.total;
    return {
      target,
      requests,
      ok2xx: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes,
      durationS: round(result.duration, 3),
      requestsPerSecond: round(requests / result.duration, 0),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
    };
  } finally {
    clearTimeout(timer);
  }
}
