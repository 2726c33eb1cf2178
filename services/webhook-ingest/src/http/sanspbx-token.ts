import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '@dialwave/platform';
import { queryString } from './twilio-signature';

export interface SansPbxTokenOptions {
  secret: string;
  onForged(req: Request): void;
}

/**
 * SansPBX does not sign its callbacks, so the status_callback URL we give it carries a per-deployment
 * secret (`?token=`). Both sides are hashed first so the comparison is constant-time and equal-length
 * whatever the request sends (timingSafeEqual throws on buffers of different lengths).
 */
export function verifySansPbxToken({ secret, onForged }: SansPbxTokenOptions) {
  const expected = digest(secret);
  return (req: Request, _res: Response, next: NextFunction) => {
    const token = queryString(req, 'token');
    if (!token || !timingSafeEqual(digest(token), expected)) {
      onForged(req);
      next(new AppError('FORBIDDEN', token ? 'token does not match' : 'token is missing'));
      return;
    }
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
