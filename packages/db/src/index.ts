export * from './generated/client';
export { createPrismaClient } from './create-prisma-client';
export type { Db, DbTransaction } from './create-prisma-client';
export { databaseErrorCode, isDatabaseUnavailableError, isTransactionConflictError } from './database-errors';
export { isForeignKeyViolation, isUniqueViolation } from './prisma-errors';
