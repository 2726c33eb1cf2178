import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createConsoleServer } from './app';

describe('the console container server', () => {
  let staticDir: string;

  beforeEach(() => {
    staticDir = mkdtempSync(join(tmpdir(), 'console-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<div id="root"></div>');
    writeFileSync(join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  });
  afterEach(() => rmSync(staticDir, { recursive: true, force: true }));

  it('is ready only while its static build is there', async () => {
    const { app } = createConsoleServer({ staticDir });
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    await request(app).get('/readyz').expect(200);
    rmSync(join(staticDir, 'index.html'));
    await request(app).get('/readyz').expect(503);
    await request(app).get('/healthz').expect(200);
  });

  it('serves client-side routes the page, never caching it, and hashed assets for a year', async () => {
    const { app } = createConsoleServer({ staticDir });
    const page = await request(app).get('/campaigns/42').set('accept', 'text/html').expect(200);
    expect(page.text).toContain('<div id="root">');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await request(app).get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 404 for a missing asset rather than the page (a stale tab must not run HTML as a script)', async () => {
    const { app } = createConsoleServer({ staticDir });
    const res = await request(app).get('/assets/index-gone.js').set('accept', '*/*');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<div id="root">');
  });

  it('proxies nothing when no service is configured (an ingress routes /api and /socket.io itself)', async () => {
    const { app, upgrade } = createConsoleServer({ staticDir });
    expect(upgrade).toBeUndefined();
    await request(app).get('/api/campaigns').set('accept', 'application/json').expect(404);
  });
});
