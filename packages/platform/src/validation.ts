import type { z } from 'zod';
import { AppError, type ErrorDetail } from './errors';

/** Parses input with a contract schema; failures become a 400 that names each field and its problem. */
export function parseOrThrow<S extends z.ZodTypeAny>(schema: S, input: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : where,
    message: issue.message,
  }));
  const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  throw new AppError('VALIDATION_FAILED', `Invalid ${where}: ${summary}`, details);
}
