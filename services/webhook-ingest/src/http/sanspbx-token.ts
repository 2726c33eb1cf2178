import type { NextFunction, Request, Response } from 'express';
import { AppError, verifyCallToken } from '@dialwave/platform';
import { queryString } from './twilio-signature';

export interface SansPbxTokenOptions {
  secret: string;
  onForged(req: Request, reason: string): void;
}

/**
 * SansPBX does not sign its callbacks, so the status_callback URL we give it carries our call id and a
 * token for that call only (`signCallToken(SANSPBX_CALLBACK_SECRET, callId)`, see the dialer's
 * webhook-urls). Checked in constant time before anything else reads the request: a token is good for the
 * call it was minted for and no other.
 */
export function verifySansPbxToken({ secret, onForged }: SansPbxTokenOptions) {
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
