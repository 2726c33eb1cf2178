import { Agent, request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createTestDatabase, waitFor, type TestDatabase } from '@dialwave/testkit';
import { startStack, type ServiceProcess, type Stack } from '@dialwave/launcher';
import { DEADLINES } from './helpers/deadlines';

/** Short, so the test costs little; the bound asserted below is this plus a margin for a busy machine. */
const GRACE_MS = 1500;
const EXIT_MARGIN_MS = 8000;

/**
 * A client that sends requests back to back on one keep-alive connection: the connection is never idle,
 * which is what kept campaign-api alive after SIGTERM before.
 */
class BusyKeepAliveClient {
  served = 0;
  /** Settles when the server stopped serving this client (its connection closed, no new one accepted). */
  readonly turnedAway: Promise<void>;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private running = true;

  constructor(private readonly url: string) {
    this.turnedAway = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.turnedAway;
    this.agent.destroy();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await get(this.url, this.agent);
        this.served += 1;
      } catch {
        return;
      }
    }
  }
}

function get(url: string, agent: Agent): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (response) => {
      response.resume();
      response.once('end', () => resolve(response));
    })
      .once('error', reject)
      .end();
  });
}

/** A request whose headers never end: the connection is busy, and only cutting it ends it. */
function hangRequest(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

describe('graceful shutdown of the HTTP services', () => {
  let db: TestDatabase;
  let stack: Stack;

  beforeAll(async () => {
    db = await createTestDatabase();
    stack = await startStack({
      databaseUrl: db.url,
      services: ['campaign-api', 'webhook-ingest', 'realtime-gateway'],
      env: { HTTP_SHUTDOWN_GRACE_MS: String(GRACE_MS) },
      readyTimeoutMs: DEADLINES.stackReadyMs,
    });
  }, DEADLINES.suiteStartMs);

  afterAll(async () => {
    await stack?.stop();
    await db?.drop();
  }, DEADLINES.stopMs);

  it.each(['campaign-api', 'webhook-ingest', 'realtime-gateway'])(
    '%s exits within its grace period although a client keeps a keep-alive connection busy and another request never ends',
    async (name) => {
      const service = stack.services.get(name) as ServiceProcess;
      const busy = new BusyKeepAliveClient(`${service.url}/healthz`);
      const hung = await hangRequest(service.port);
      const hungClosed = new Promise<void>((resolve) => hung.once('close', () => resolve()));
      hung.on('error', () => undefined);
      try {
        await waitFor(() => busy.served >= 3, { what: 'the busy client to be served' });
        const sentAt = Date.now();
        service.kill('SIGTERM');
        const exit = await service.exited;
        const tookMs = Date.now() - sentAt;

        expect(exit).toEqual({ code: 0, signal: null });
        expect(tookMs).toBeLessThan(GRACE_MS + EXIT_MARGIN_MS);
        // The request that never finished held the process for the grace period, then was cut.
        expect(tookMs).toBeGreaterThanOrEqual(GRACE_MS);
        await hungClosed;
        await busy.turnedAway;
      } finally {
        await busy.stop();
        hung.destroy();
      }
    },
    DEADLINES.testMs,
  );
});
