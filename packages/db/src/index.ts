export * from './generated/client';
export { createPrismaClient } from './create-prisma-client';
export type { Db, DbTransaction } from './create-prisma-client';
export * from './errors';
