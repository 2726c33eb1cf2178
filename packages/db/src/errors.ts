// The database error classifiers alone: importing them loads no Prisma client (`@dialwave/db/errors`).
export { databaseErrorCode, isDatabaseUnavailableError, isTransactionConflictError } from './database-errors';
export { isForeignKeyViolation, isUniqueViolation } from './prisma-errors';
