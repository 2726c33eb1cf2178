import type { NextFunction, Request, Response } from 'express';
import { AppError, verifyCallToken } from '@dialwave/platform';
import { queryString } from './twilio-signature';

export interface CallTokenQueryOptions {
  secret: string;
  onForged(req: Request, reason: string): void;
}

/**
 * For senders that cannot sign their requests (SansPBX callbacks, voice runtimes' reports): the URL we
 * gave them carries our call id and a token for that call only (`signCallToken(secret, callId)`). Checked
 * in constant time before anything else reads the request, and before any lookup: a wrong token answers
 * 403 whether or not the call exists, so nobody can use the route to find out which call ids do.
 */
export function verifyCallTokenQuery({ secret, onForged }: CallTokenQueryOptions) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const callId = queryString(req, 'callId');
    const token = queryString(req, 'token');
    if (!token) {
      onForged(req, 'token is missing');
      next(new AppError('FORBIDDEN', 'token is missing'));
      return;
    }
    if (!callId) {
      next(new AppError('VALIDATION_FAILED', 'Invalid query: callId is required', [{ field: 'callId', message: 'is required' }]));
      return;
    }
    if (!verifyCallToken(secret, callId, token)) {
      onForged(req, 'token does not match the call');
      next(new AppError('FORBIDDEN', 'token does not match this call'));
      return;
    }
    next();
  };
}
