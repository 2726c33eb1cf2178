import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { createProxyMiddleware, type RequestHandler } from 'http-proxy-middleware';

export interface ConsoleServerConfig {
  /** The console's static build (`vite build`): index.html and assets/. */
  staticDir: string;
  /** campaign-api, target of `/api`; unset: no proxy (a Kubernetes ingress routes `/api` itself). */
  apiUrl?: string;
  /** realtime-gateway, target of `/socket.io` (websocket); unset: no proxy. */
  gatewayUrl?: string;
}

export interface ConsoleServer {
  app: Express;
  /** Hand the server's `upgrade` events to this (socket.io speaks websocket only, so no HTTP request comes first). */
  upgrade?: RequestHandler['upgrade'];
}

/**
 * The console in production: its static build, `/api` and `/socket.io` proxied to the services so the
 * browser talks to one origin only (as the Vite dev and preview servers do), and the probes every Dialwave
 * container answers. Hashed assets are cached for a year; index.html never, so a release shows at once.
 */
export function createConsoleServer(config: ConsoleServerConfig): ConsoleServer {
  const app = express();
  app.disable('x-powered-by');
  const indexHtml = join(config.staticDir, 'index.html');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = existsSync(indexHtml);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });

  // xfwd: campaign-api limits logins per client address and reads it from X-Forwarded-For when it trusts
  // this proxy (TRUST_PROXY), so each browser keeps its own budget instead of sharing the proxy's.
  if (config.apiUrl) app.use(createProxyMiddleware({ target: config.apiUrl, pathFilter: '/api', changeOrigin: true, xfwd: true }));
  let upgrade: RequestHandler['upgrade'] | undefined;
  if (config.gatewayUrl) {
    const socketProxy = createProxyMiddleware({
      target: config.gatewayUrl,
      pathFilter: '/socket.io',
      changeOrigin: true,
      xfwd: true,
      ws: true,
    });
    app.use(socketProxy);
    upgrade = socketProxy.upgrade;
  }

  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  app.use('/assets', express.static(join(config.staticDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  app.use(express.static(config.staticDir, { index: false, maxAge: 0 }));
  // Client-side routes (/campaigns/:id, /leads, ...) all load the one page; react-router takes it from there.
  app.get('/{*path}', (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml, (err) => {
      if (err) next(err);
    });
  });
  return { app, ...(upgrade ? { upgrade } : {}) };
}
