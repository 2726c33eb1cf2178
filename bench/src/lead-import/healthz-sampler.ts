import { performance } from 'node:perf_hooks';

export interface HealthzSampler {
  /** Stops sampling and returns each request's latency in ms, in order. */
  stop(): Promise<number[]>;
}

/**
 * Another client of the API: GET /healthz one request at a time (keep-alive), a short pause between
 * them, recording each response time, until stopped. Closed loop on purpose: a stalled event loop shows
 * as one long request, not as a queue of them.
 */
export function sampleHealthz(apiUrl: string, { pauseMs = 5, maxSamples = 20_000 } = {}): HealthzSampler {
  const latencies: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped && latencies.length < maxSamples) {
      const started = performance.now();
      const res = await fetch(`${apiUrl}/healthz`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`/healthz answered ${res.status}`);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return latencies;
    },
  };
}
