import type { NextFunction, Request, Response } from 'express';
import { AppError, verifyAuthToken } from '@dialwave/platform';

const BEARER = /^Bearer\s+(\S+)$/i;

/** Rejects requests without a valid `Authorization: Bearer <token>`; the user id lands in res.locals. */
export function requireAuth(jwtSecret: string) {
  // Named, so tests that walk the router stack can tell which routes it guards.
  return function requireBearerToken(req: Request, res: Response, next: NextFunction) {
    const token = BEARER.exec(req.get('authorization') ?? '')?.[1];
    const claims = verifyAuthToken(token, jwtSecret);
    if (!claims) {
      next(new AppError('UNAUTHENTICATED', token ? 'Token is invalid or expired' : 'Missing Authorization: Bearer token'));
      return;
    }
    res.locals.userId = claims.userId;
    next();
  };
}

/** The authenticated user; every repository query filters by it. */
export function currentUserId(res: Response): string {
  const userId: unknown = res.locals.userId;
  if (typeof userId !== 'string') throw new AppError('UNAUTHENTICATED', 'Not authenticated');
  return userId;
}
