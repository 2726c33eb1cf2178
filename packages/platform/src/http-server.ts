import type { Server } from 'node:http';
import { z } from 'zod';

/** How long requests in flight get to finish on SIGTERM before their connections are cut. */
export const DEFAULT_HTTP_SHUTDOWN_GRACE_MS = 10_000;
const IDLE_SWEEP_MS = 200;

/** `HTTP_SHUTDOWN_GRACE_MS` of an HTTP service: how long requests in flight get on SIGTERM. */
export const httpShutdownGrace = () => z.coerce.number().int().nonnegative().default(DEFAULT_HTTP_SHUTDOWN_GRACE_MS);

/**
 * Stops an HTTP server without letting a client hold the process open. `server.close()` alone stops
 * accepting connections and closes idle ones, but a keep-alive connection that keeps sending requests is
 * never idle and is served for ever (measured: campaign-api was still answering such a client 10 s after
 * SIGTERM). So from now on every response says `Connection: close` (the client finishes its request and
 * reconnects elsewhere), idle connections are closed at once, and whatever is still open after `graceMs`
 * (a request that never finishes) is cut. Resolves when the server has closed; safe to call on a server
 * that is not listening (socket.io's close() closes the same server again afterwards).
 */
export function closeHttpServer(server: Server, graceMs: number = DEFAULT_HTTP_SHUTDOWN_GRACE_MS): Promise<void> {
  // Prepended: the app's own listener may answer synchronously, and the header must be set before that.
  server.prependListener('request', (_req, res) => {
    res.shouldKeepAlive = false;
  });
  const closed = new Promise<void>((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
  });
  // Again and again: a connection whose response was already on its way when we started ends idle, not closed.
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  idleSweep.unref();
  cut.unref();
  return closed.finally(() => {
    clearInterval(idleSweep);
    clearTimeout(cut);
  });
}
