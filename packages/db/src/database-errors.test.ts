import { databaseErrorCode, isDatabaseUnavailableError, isTransactionConflictError } from './database-errors';

/** The shapes @prisma/adapter-pg 7.10 produced against a stopped, a restarting and a healthy server. */
const rawQueryFailed = (originalCode: string) => ({
  name: 'PrismaClientKnownRequestError',
  code: 'P2010',
  meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { originalCode, kind: 'postgres', code: originalCode } } },
  message: `Raw query failed. Code: \`${originalCode}\`.`,
});
const unreachable = {
  name: 'PrismaClientKnownRequestError',
  code: 'P1001',
  meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 } } },
  message: "Can't reach database server at 127.0.0.1:5432",
};

describe('database error classification', () => {
  it('treats a stopped, restarting or unreachable server as unavailable', () => {
    expect(isDatabaseUnavailableError(unreachable)).toBe(true);
    expect(isDatabaseUnavailableError(rawQueryFailed('57P01'))).toBe(true);
    expect(isDatabaseUnavailableError(rawQueryFailed('57P03'))).toBe(true);
    expect(isDatabaseUnavailableError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isDatabaseUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailableError(new Error('wrapped', { cause: unreachable }))).toBe(true);
  });

  it('does not take a bad statement or a conflict for an outage', () => {
    expect(isDatabaseUnavailableError(rawQueryFailed('22012'))).toBe(false);
    expect(isDatabaseUnavailableError(rawQueryFailed('40P01'))).toBe(false);
    expect(isDatabaseUnavailableError(new Error('Unique constraint failed'))).toBe(false);
  });

  it('recognises deadlocks and serialization failures, and reads the SQLSTATE', () => {
    expect(isTransactionConflictError(rawQueryFailed('40P01'))).toBe(true);
    expect(isTransactionConflictError(rawQueryFailed('40001'))).toBe(true);
    expect(isTransactionConflictError({ code: '40P01', message: 'deadlock detected' })).toBe(true);
    expect(isTransactionConflictError(rawQueryFailed('23505'))).toBe(false);
    expect(databaseErrorCode(rawQueryFailed('22012'))).toBe('22012');
    expect(databaseErrorCode(unreachable)).toBe('DatabaseNotReachable');
    expect(databaseErrorCode(new Error('plain'))).toBeUndefined();
  });
});
