/**
 * What kind of failure a database error is, whichever layer raised it: Prisma (`P1001`, or `P2010` with
 * the SQLSTATE in `meta.driverAdapterError.cause`), the pg driver (`code` is the SQLSTATE) or the socket
 * (`ECONNREFUSED`). Shapes observed with @prisma/adapter-pg 7.10 against a stopped server.
 */
interface ErrorLike {
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown; kind?: unknown } } };
  cause?: unknown;
}

/** Prisma's codes for "the database cannot be reached or stopped answering". */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
/** SQLSTATEs of a server that is going away or not back yet (class 08: connection exceptions). */
const SQLSTATE_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006', '08007']);
const DRIVER_KINDS_UNAVAILABLE = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseDoesNotExist',
]);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection (?:is )?closed|Can't reach database server|server closed the connection|terminating connection/i;
/** Deadlock and serialization failure: the transaction lost a race and may simply run again. */
const SQLSTATE_CONFLICT = new Set(['40P01', '40001']);

/** The SQLSTATE (or driver kind) behind an error, when there is one. */
export function databaseErrorCode(err: unknown): string | undefined {
  const e = err as ErrorLike | undefined;
  const cause = e?.meta?.driverAdapterError?.cause;
  if (cause) {
    const code = cause.originalCode ?? cause.code ?? cause.kind;
    if (typeof code === 'string') return code;
  }
  if (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && !e.code.startsWith('P')) return e.code;
  return undefined;
}

/** The database is down, restarting or unreachable: nothing is wrong with the work itself; try it later. */
export function isDatabaseUnavailableError(err: unknown): boolean {
  for (let e = err as ErrorLike | undefined, depth = 0; e && depth < 4; e = e.cause as ErrorLike | undefined, depth++) {
    if (typeof e.code === 'string' && (PRISMA_UNAVAILABLE.has(e.code) || SOCKET_CODES.has(e.code))) return true;
    const code = databaseErrorCode(e);
    if (code && (SQLSTATE_UNAVAILABLE.has(code) || DRIVER_KINDS_UNAVAILABLE.has(code))) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** A deadlock or serialization failure: running the same transaction again is the documented remedy. */
export function isTransactionConflictError(err: unknown): boolean {
  const code = databaseErrorCode(err);
  return code !== undefined && SQLSTATE_CONFLICT.has(code);
}
