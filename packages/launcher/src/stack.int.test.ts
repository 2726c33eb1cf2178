import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@dialwave/testkit';
import { spawnService } from './service-process';
import { SERVICE_NAMES, type ServiceName } from './services';
import { startStack, type Stack } from './stack';
import type { SupervisedService } from './supervisor';

const FAKE = 'packages/launcher/src/__fixtures__/fake-service.ts';
const fakeEverywhere = Object.fromEntries(SERVICE_NAMES.map((name) => [name, FAKE])) as Record<ServiceName, string>;
const DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/test?schema=launcher_test';

async function envOf(url: string): Promise<Record<string, string>> {
  return (await fetch(`${url}/env`)).json() as Promise<Record<string, string>>;
}

describe('startStack', () => {
  let stack: Stack | undefined;
  const logDir = join(tmpdir(), `stack-test-${process.pid}`);

  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });
  afterAll(() => rmSync(logDir, { recursive: true, force: true }));

  it('starts every service on its own port, wired to the others, and waits until each is ready', async () => {
    stack = await startStack({
      databaseUrl: DATABASE_URL,
      entrypoints: fakeEverywhere,
      dialers: 2,
      chaos: { dropRate: 0.1 },
      serviceEnv: { 'campaign-api': { FAKE_READY_DELAY_MS: '400' } },
      logDir,
    });

    expect([...stack.services.keys()].sort()).toEqual([
      'campaign-api',
      'carrier-sim',
      'dialer-worker-1',
      'dialer-worker-2',
      'realtime-gateway',
      'webhook-ingest',
    ]);
    const urls = [stack.apiUrl, stack.ingestUrl, stack.gatewayUrl, stack.simUrl, ...stack.dialerUrls];
    expect(new Set(urls).size).toBe(6);
    // The API was told to answer 503 for 400 ms: startStack returned only after it turned ready.
    expect((await fetch(`${stack.apiUrl}/readyz`)).status).toBe(200);

    const dialerEnv = await envOf(stack.dialerUrls[1] as string);
    expect(dialerEnv).toMatchObject({
      PUBLIC_WEBHOOK_URL: stack.ingestUrl,
      TWILIO_API_BASE_URL: stack.simUrl,
      CALL_DEADLINE_SCALE: '0.01',
      DATABASE_URL,
      QUEUE_PREFIX: stack.queuePrefix,
      DIALER_PORT: String(new URL(stack.dialerUrls[1] as string).port),
    });
    const simEnv = await envOf(stack.simUrl);
    expect(simEnv).toMatchObject({
      PUBLIC_WEBHOOK_URL: stack.ingestUrl,
      SIM_TIME_SCALE: '0.01',
      SIM_DROP_RATE: '0.1',
      TWILIO_AUTH_TOKEN: dialerEnv.TWILIO_AUTH_TOKEN,
    });
    expect(simEnv.SIM_REORDER_RATE).toBeUndefined();
    expect((await envOf(stack.ingestUrl)).PUBLIC_WEBHOOK_URL).toBe(stack.ingestUrl);

    expect(stack.services.get('campaign-api')?.logs()).toContain('"msg":"listening"');
    expect(readFileSync(join(logDir, 'webhook-ingest.log'), 'utf8')).toContain('"msg":"listening"');
  });

  it('reports a SIGKILLed process through its exited promise and can add a replacement dialer', async () => {
    stack = await startStack({ databaseUrl: DATABASE_URL, entrypoints: fakeEverywhere, services: ['dialer-worker'] });
    const first = stack.services.get('dialer-worker-1');
    if (!first) throw new Error('dialer-worker-1 missing');

    first.kill('SIGKILL');
    await expect(first.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    expect(first.hasExited()).toBe(true);
    await expect(fetch(`${first.url}/readyz`)).rejects.toThrow();

    const second = await stack.addDialer();
    expect(second.name).toBe('dialer-worker-2');
    expect(stack.dialerUrls).toEqual([first.url, second.url]);
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
  });

  it('stops every process with SIGTERM and escalates to SIGKILL for one that ignores it', async () => {
    stack = await startStack({
      databaseUrl: DATABASE_URL,
      entrypoints: fakeEverywhere,
      services: ['campaign-api', 'carrier-sim'],
      serviceEnv: { 'carrier-sim': { FAKE_IGNORE_SIGTERM: '1' } },
      stopGraceMs: 500,
    });
    const api = stack.services.get('campaign-api');
    const sim = stack.services.get('carrier-sim');
    await stack.stop();

    await expect(api?.exited).resolves.toEqual({ code: 0, signal: null });
    await expect(sim?.exited).resolves.toEqual({ code: null, signal: 'SIGKILL' });
    expect(sim?.logs()).toContain('ignoring SIGTERM');
    stack = undefined;
  });

  it('fails with the service’s own output when it exits before it is ready, and leaves nothing running', async () => {
    const apiPort = await freePort();
    const started = startStack({
      databaseUrl: DATABASE_URL,
      entrypoints: { ...fakeEverywhere, 'realtime-gateway': 'packages/launcher/src/__fixtures__/does-not-exist.ts' },
      services: ['campaign-api', 'realtime-gateway'],
      ports: { 'campaign-api': apiPort },
      serviceEnv: { 'campaign-api': { FAKE_READY_DELAY_MS: '300' } },
    });
    await expect(started).rejects.toThrow(/realtime-gateway exited \(code 1.*\n[\s\S]*does-not-exist/);
    await expect(fetch(`http://127.0.0.1:${apiPort}/readyz`)).rejects.toThrow();
  });

  it('restarts a supervised service that dies, with a back-off and a line saying so, until the stack stops', async () => {
    const lines: [string, string][] = [];
    stack = await startStack({
      databaseUrl: DATABASE_URL,
      entrypoints: fakeEverywhere,
      services: ['webhook-ingest'],
      supervise: { initialDelayMs: 100, maxDelayMs: 400 },
      onLine: (instance, line) => lines.push([instance, line]),
    });
    const ingest = stack.services.get('webhook-ingest') as SupervisedService;
    const firstPid = ingest.pid;

    for (const restart of [1, 2, 3]) {
      const restarted = ingest.nextStart();
      ingest.kill('SIGKILL');
      await restarted;
      await ingest.waitReady(30_000);
      expect(ingest.starts).toBe(restart + 1);
    }
    expect(ingest.pid).not.toBe(firstPid);
    expect(ingest.hasExited()).toBe(false);
    // Quick crashes back off: 100, 200, 400 ms.
    expect(lines.filter(([instance]) => instance === 'supervisor').map(([, line]) => line)).toEqual([
      'webhook-ingest exited (code null, signal SIGKILL); restarting in 100 ms (restart 1)',
      'webhook-ingest exited (code null, signal SIGKILL); restarting in 200 ms (restart 2)',
      'webhook-ingest exited (code null, signal SIGKILL); restarting in 400 ms (restart 3)',
    ]);
    expect(ingest.logs()).toContain('[supervisor] webhook-ingest exited');

    // Stopping is for good: no restart follows.
    await stack.stop();
    await expect(ingest.exited).resolves.toEqual({ code: 0, signal: null });
    expect(ingest.hasExited()).toBe(true);
    expect(ingest.starts).toBe(4);
    stack = undefined;
  });

  it('does not restart a supervised service that could not start, and fails the launch with its output', async () => {
    const started = startStack({
      databaseUrl: DATABASE_URL,
      entrypoints: { ...fakeEverywhere, 'realtime-gateway': 'packages/launcher/src/__fixtures__/does-not-exist.ts' },
      services: ['realtime-gateway'],
      supervise: { initialDelayMs: 50 },
    });
    await expect(started).rejects.toThrow(/realtime-gateway exited \(code 1.*\n[\s\S]*does-not-exist/);
  });

  it('treats a process without a readiness probe as ready once it answers HTTP', async () => {
    stack = await startStack({
      databaseUrl: DATABASE_URL,
      entrypoints: fakeEverywhere,
      services: ['carrier-sim'],
      serviceEnv: { 'carrier-sim': { FAKE_NO_READYZ: '1', FAKE_READY_DELAY_MS: '60000' } },
    });
    expect((await fetch(`${stack.simUrl}/readyz`)).status).toBe(404);
    expect(stack.services.get('carrier-sim')?.hasExited()).toBe(false);
  });

  it('gives up on a service that never turns ready by the deadline', async () => {
    const port = await freePort();
    const service = spawnService({
      name: 'slow',
      entrypoint: FAKE,
      port,
      env: { ...process.env, API_PORT: String(port), FAKE_READY_DELAY_MS: '60000' },
    });
    try {
      await waitFor(() => service.logs().includes('"msg":"listening"'), { what: 'the fake service to listen' });
      await expect(service.waitReady(300)).rejects.toThrow(/slow was not ready within 300 ms \(last \/readyz: HTTP 503/);
    } finally {
      await service.stop();
    }
    expect(service.hasExited()).toBe(true);
    await waitFor(
      async () =>
        fetch(`http://127.0.0.1:${port}/readyz`).then(
          () => false,
          () => true,
        ),
      { what: 'port released' },
    );
  });
});
