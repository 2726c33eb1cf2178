import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

/**
 * The console is same-origin by design: the browser only ever talks to the console's own origin, and
 * the dev/preview server forwards `/api` to campaign-api and `/socket.io` to the realtime gateway. So no
 * CORS, and the JWT never leaves the origin it was issued for. A production deployment puts the same two
 * routes on its reverse proxy.
 */
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:4000';
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4002';
const port = Number(process.env.CONSOLE_PORT ?? 5173);
const host = process.env.CONSOLE_HOST ?? '127.0.0.1';

// xfwd: campaign-api limits logins per client address, and trusts X-Forwarded-For from this proxy on
// loopback (TRUST_PROXY), so each browser keeps its own budget instead of sharing the proxy's.
const proxy: Record<string, ProxyOptions> = {
  '/api': { target: apiUrl, changeOrigin: true, xfwd: true },
  '/socket.io': { target: gatewayUrl, changeOrigin: true, ws: true },
};

export default defineConfig({
  plugins: [react()],
  server: { host, port, strictPort: true, proxy },
  preview: { host, port, strictPort: true, proxy },
  // dist/public: the static build; dist/main.js: the container's server (server/main.ts) that serves it.
  build: { outDir: 'dist/public', sourcemap: true },
});
