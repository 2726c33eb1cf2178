/**
 * `node dist/main.js`: the console's container (port 8080, as deploy/k8s expects). Serves the static build
 * next to it (dist/public), proxies `/api` to API_URL and `/socket.io` to GATEWAY_URL when they are set
 * (compose), and answers /healthz and /readyz. Development uses Vite's servers instead (`pnpm start`).
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createConsoleServer } from './app';

const port = Number(process.env.CONSOLE_PORT ?? 8080);
const host = process.env.CONSOLE_HOST ?? '0.0.0.0';
const staticDir = process.env.CONSOLE_STATIC_DIR ?? join(__dirname, 'public');
/** Time requests in flight get on SIGTERM (the pod's pre-stop pause has already taken it out of rotation). */
const shutdownGraceMs = Number(process.env.HTTP_SHUTDOWN_GRACE_MS ?? 10_000);

function log(level: 'info' | 'error', msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, time: Date.now(), service: 'console', msg, ...fields });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

const { app, upgrade } = createConsoleServer({
  staticDir,
  ...(process.env.API_URL ? { apiUrl: process.env.API_URL } : {}),
  ...(process.env.GATEWAY_URL ? { gatewayUrl: process.env.GATEWAY_URL } : {}),
});
const server = createServer(app);
if (upgrade) server.on('upgrade', upgrade);
server.on('error', (err) => {
  log('error', 'console server failed', { err: err.message });
  process.exit(1);
});
server.listen(port, host, () =>
  log('info', 'console listening', { port, host, staticDir, api: process.env.API_URL ?? null, gateway: process.env.GATEWAY_URL ?? null }),
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log('info', 'console stopping', { signal });
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Websockets proxied to the gateway are long-lived: after the grace they are cut, and the browser reconnects elsewhere.
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, shutdownGraceMs).unref();
  });
}
