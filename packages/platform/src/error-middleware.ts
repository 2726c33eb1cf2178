import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from './errors';
import { urlWithoutQuery } from './logger';

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/** Maps every error to `{ error: { code, message, details? } }`; logs only what is our fault (5xx). */
export function errorMiddleware(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(err);
    if (appError.httpStatus >= 500) logger.error({ err, method: req.method, url: urlWithoutQuery(req.originalUrl) }, 'request failed');
    const { code, message, details } = appError;
    if (appError.retryAfterSeconds !== undefined) res.set('Retry-After', String(appError.retryAfterSeconds));
    res.status(appError.httpStatus).json({ error: details ? { code, message, details } : { code, message } });
  };
}

export function notFoundHandler(req: Request, _res: Response, next: NextFunction) {
  next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`));
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const parserError = err as BodyParserError;
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return new AppError('INVALID_JSON', 'Request body is not valid JSON', [{ field: 'body', message: 'malformed JSON' }]);
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'Request body is larger than the 1 MB limit', [
        { field: 'body', message: 'larger than 1 MB' },
      ]);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', parserError.message ?? 'Unsupported encoding');
    default:
      return new AppError('INTERNAL', 'Internal server error');
  }
}
