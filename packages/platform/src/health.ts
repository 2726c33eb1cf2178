import { Router } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

export type ReadinessCheck = () => Promise<unknown>;

/**
 * `/healthz` (the process answers), `/readyz` (its dependencies answer), `/metrics` (Prometheus).
 * `/readyz` says `{status}` only: the failing check's error text (hosts, ports, driver messages) is for the
 * operator's logs, not for whoever can reach the port.
 */
export function healthRouter(registry: Registry, checks: Record<string, ReadinessCheck>, logger: Logger): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'ok'] as const;
        } catch (err) {
          return [name, err instanceof Error ? err.message : String(err)] as const;
        }
      }),
    );
    const failed = results.filter(([, result]) => result !== 'ok');
    if (failed.length > 0) logger.warn({ checks: Object.fromEntries(failed) }, 'not ready');
    res.status(failed.length === 0 ? 200 : 503).json({ status: failed.length === 0 ? 'ready' : 'not ready' });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
