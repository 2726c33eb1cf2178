/**
 * Told by the error's name and code rather than `instanceof`, so that this file loads no Prisma client: the
 * domain imports it (through `@dialwave/db/errors`) without loading Prisma's runtime.
 */
function isKnownRequestError(err: unknown, code: string): boolean {
  return err instanceof Error && err.name === 'PrismaClientKnownRequestError' && (err as { code?: unknown }).code === code;
}

/** Unique constraint violated (P2002). */
export function isUniqueViolation(err: unknown): boolean {
  return isKnownRequestError(err, 'P2002');
}

/** Foreign key constraint violated (P2003), e.g. deleting a row another row still references. */
export function isForeignKeyViolation(err: unknown): boolean {
  return isKnownRequestError(err, 'P2003');
}
