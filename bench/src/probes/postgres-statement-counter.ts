import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of Postgres that reads the frontend half of the wire protocol and counts
 * what a service asks of the database: every simple Query ('Q', e.g. BEGIN/COMMIT) and every extended
 * protocol Execute ('E'), with the SQL text of each Parse ('P'). Pointing a service's DATABASE_URL at it
 * answers "how many statements does one request cost?" without pg_stat_statements (not preloaded here).
 */
export interface StatementCounts {
  /** Statements executed (simple queries + extended-protocol executes). */
  statements: number;
  simpleQueries: number;
  executes: number;
  /** Connections the service opened through the proxy (its pool's high-water mark, at most). */
  connections: number;
  /** Count per normalised statement shape, e.g. `UPDATE "Call"` or `BEGIN`. */
  byShape: Record<string, number>;
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

export class PostgresStatementCounter {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly clients = new Set<Socket>();
  private counts: StatementCounts = PostgresStatementCounter.empty();

  constructor(private readonly upstream: { host: string; port: number }) {}

  static empty(): StatementCounts {
    return { statements: 0, simpleQueries: 0, executes: 0, connections: 0, byShape: {} };
  }

  async listen(): Promise<number> {
    this.server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** Returns the counts since the last reset and starts a new window. */
  takeCounts(): StatementCounts {
    const taken = this.counts;
    this.counts = PostgresStatementCounter.empty();
    return taken;
  }

  /** Client connections open through the proxy right now: the service's pool size at this moment. */
  openConnections(): number {
    return this.clients.size;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private relay(client: Socket): void {
    this.counts.connections += 1;
    const server = createConnection(this.upstream);
    this.sockets.add(client).add(server);
    this.clients.add(client);
    const forget = () => {
      this.clients.delete(client);
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    client.on('error', forget).on('close', forget);
    server.on('error', forget).on('close', forget);
    server.pipe(client);

    let pending: Buffer = Buffer.alloc(0);
    let startupDone = false;
    // Statement texts by prepared-statement name ('' = unnamed); a named one is parsed once per connection.
    const parsed = new Map<string, string>();
    let bound = '';
    client.on('data', (chunk: Buffer) => {
      server.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (!startupDone) {
          if (pending.length < 8) break;
          const length = pending.readInt32BE(0);
          if (pending.length < length) break;
          const code = pending.readInt32BE(4);
          if (code !== SSL_REQUEST && code !== GSS_REQUEST) startupDone = true;
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5) break;
        const type = String.fromCharCode(pending[0]!);
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) break;
        const body = pending.subarray(5, 1 + length);
        if (type === 'Q') {
          this.count(body.subarray(0, body.indexOf(0)).toString('utf8'), 'simple');
        } else if (type === 'P') {
          const nameEnd = body.indexOf(0);
          parsed.set(body.subarray(0, nameEnd).toString('utf8'), body.subarray(nameEnd + 1, body.indexOf(0, nameEnd + 1)).toString('utf8'));
        } else if (type === 'B') {
          const portalEnd = body.indexOf(0);
          bound = parsed.get(body.subarray(portalEnd + 1, body.indexOf(0, portalEnd + 1)).toString('utf8')) ?? '';
        } else if (type === 'E') {
          this.count(bound, 'execute');
        }
        pending = pending.subarray(1 + length);
      }
    });
  }

  private count(sql: string, kind: 'simple' | 'execute'): void {
    this.counts.statements += 1;
    if (kind === 'simple') this.counts.simpleQueries += 1;
    else this.counts.executes += 1;
    const shape = statementShape(sql);
    this.counts.byShape[shape] = (this.counts.byShape[shape] ?? 0) + 1;
  }
}

/** `SELECT ... FROM "s"."Call" ...` -> `SELECT "Call"`; keeps the verb and the first table named. */
export function statementShape(sql: string): string {
  const text = sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s(]+/, '')
    .trim();
  const verb = (/^\w+/.exec(text)?.[0] ?? '?').toUpperCase();
  const table = /(?:FROM|INTO|UPDATE|JOIN)\s+(?:"[^"]+"\.)?"([^"]+)"/i.exec(text)?.[1];
  if (/pg_advisory_xact_lock/.test(text)) return 'SELECT pg_advisory_xact_lock';
  return table ? `${verb} "${table}"` : verb;
}
