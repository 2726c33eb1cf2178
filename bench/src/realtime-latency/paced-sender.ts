import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { PreparedRequest } from '../load/callback-load';

export interface PacedSendResult {
  sent: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** First send to last send, in seconds. */
  sendWindowS: number;
  /** Actual send time minus scheduled time: how far the client itself fell behind the schedule. */
  sendLagMs: number[];
  /** Request sent → response received. */
  responseMs: number[];
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Open loop: request i leaves at start + i / perSecond whatever the service answers, over keep-alive
 * connections (as many as are in flight), so a slow service shows up as latency rather than a slower client.
 * `onSend(i, sentAt)` runs just before each request is written, with the performance.now() the latency
 * is measured from. Bounded by the request count and by `maxSeconds` of scheduling.
 */
export async function sendPaced(
  baseUrl: string,
  prepared: readonly PreparedRequest[],
  { perSecond, maxSeconds }: { perSecond: number; maxSeconds: number },
  onSend: (index: number, sentAt: number) => void,
): Promise<PacedSendResult> {
  const target = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const intervalMs = 1000 / perSecond;
  const responses: Promise<void>[] = [];
  const result: PacedSendResult = {
    sent: 0,
    ok2xx: 0,
    non2xx: 0,
    errors: 0,
    statusCodes: {},
    sendWindowS: 0,
    sendLagMs: [],
    responseMs: [],
  };
  const start = performance.now();
  const deadline = start + maxSeconds * 1000;
  let next = 0;
  let lastSentAt = start;

  const send = (index: number, scheduledAt: number) => {
    const chosen = prepared[index]!;
    const sentAt = performance.now();
    onSend(index, sentAt);
    result.sendLagMs.push(sentAt - scheduledAt);
    lastSentAt = sentAt;
    responses.push(
      new Promise<void>((resolve) => {
        const req = request(
          {
            host: target.hostname,
            port: target.port,
            method: 'POST',
            path: chosen.path,
            agent,
            headers: { ...chosen.headers, 'content-length': Buffer.byteLength(chosen.body) },
            timeout: REQUEST_TIMEOUT_MS,
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              const code = res.statusCode ?? 0;
              result.statusCodes[code] = (result.statusCodes[code] ?? 0) + 1;
              if (code >= 200 && code < 300) result.ok2xx += 1;
              else result.non2xx += 1;
              result.responseMs.push(performance.now() - sentAt);
              resolve();
            });
          },
        );
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', () => {
          result.errors += 1;
          resolve();
        });
        req.end(chosen.body);
      }),
    );
  };

  try {
    while (next < prepared.length) {
      const now = performance.now();
      if (now > deadline) break;
      while (next < prepared.length && start + next * intervalMs <= now) {
        send(next, start + next * intervalMs);
        next += 1;
      }
      if (next >= prepared.length) break;
      const wait = start + next * intervalMs - performance.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    }
    result.sent = next;
    result.sendWindowS = (lastSentAt - start) / 1000;
    await Promise.all(responses);
    return result;
  } finally {
    agent.destroy();
  }
}
