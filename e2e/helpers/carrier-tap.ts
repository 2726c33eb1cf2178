import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One `POST .../Calls.json` that reached the carrier: the number asked for and what the carrier answered. */
export interface CarrierDial {
  to: string;
  httpStatus: number;
  sid?: string;
  /** When the request reached the tap (ms since epoch). */
  at: number;
  /** The W3C trace context the dialer sent along, when it was tracing. */
  traceparent?: string;
}

/**
 * A pass-through proxy in front of the carrier simulator that writes down every call-create request. The
 * dialers get its URL as TWILIO_API_BASE_URL, so "each number was dialed once" is checked at the carrier's
 * door rather than trusted from our own database. The simulator's port is only known once the stack runs,
 * hence `forwardTo` after `start`.
 */
export class CarrierTap {
  readonly dials: CarrierDial[] = [];
  private target?: URL;
  private server?: Server;
  private readonly holds = new Map<string, { arrive: () => void; released: Promise<void> }>();

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      void this.forward(req).then(
        ({ status, headers, body }) => {
          // The sender may be gone (a test killed it while its request was held); nothing to answer then.
          if (res.destroyed) return;
          res.writeHead(status, headers);
          res.end(body);
        },
        (err: unknown) => {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ code: 20500, message: `carrier tap: ${String(err)}`, more_info: '', status: 502 }));
        },
      );
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  forwardTo(carrierBaseUrl: string): void {
    this.target = new URL(carrierBaseUrl);
  }

  /**
   * Keeps the next call-create request for `to` away from the carrier until `release()`: a dial request in
   * flight, so a test can crash its sender at exactly that moment. `arrived` settles when it is held.
   */
  holdNextDial(to: string): { arrived: Promise<void>; release: () => void } {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(to, { arrive, released });
    return { arrived, release };
  }

  /** How many times each number was dialed (create requests the carrier accepted or refused). */
  dialsPerNumber(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const dial of this.dials) counts.set(dial.to, (counts.get(dial.to) ?? 0) + 1);
    return counts;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async forward(req: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    if (!this.target) throw new Error('no carrier to forward to yet');
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', this.target);
    const isCreate = req.method === 'POST' && /\/Calls\.json$/.test(url.pathname);
    const at = Date.now();
    const to = isCreate ? (new URLSearchParams(body.toString('utf8')).get('To') ?? '') : '';
    const hold = this.holds.get(to);
    if (isCreate && hold) {
      this.holds.delete(to);
      hold.arrive();
      await hold.released;
    }
    const response = await new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
      const outgoing = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (incoming) => {
        void readBody(incoming).then((responseBody) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined && name !== 'transfer-encoding' && name !== 'connection') headers[name] = String(value);
          }
          resolve({ status: incoming.statusCode ?? 502, headers, body: responseBody });
        }, reject);
      });
      outgoing.once('error', reject);
      outgoing.end(body);
    });
    if (isCreate) {
      let sid: string | undefined;
      try {
        sid = (JSON.parse(response.body.toString('utf8')) as { sid?: string }).sid;
      } catch {
        sid = undefined;
      }
      const traceparent = typeof req.headers.traceparent === 'string' ? req.headers.traceparent : undefined;
      this.dials.push({ to, httpStatus: response.status, sid, at, ...(traceparent && { traceparent }) });
    }
    return response;
  }
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}
