import type { NextFunction, Request, Response } from 'express';
import { isDatabaseUnavailableError } from '@dialwave/db';
import { AppError } from '@dialwave/platform';
import { RETRY_AFTER_SECONDS } from './store-callback';

/**
 * The routes that must answer from Postgres (an inbound call's TwiML needs its agent's greeting and queue;
 * an answered call's TwiML its agent's script) fail while it is away: say so with a 503 and Retry-After,
 * not a 500. On Twilio, a number's Voice Fallback URL takes over when its primary URL fails like this.
 */
export function databaseUnavailable(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!isDatabaseUnavailableError(err)) {
    next(err);
    return;
  }
  res.set('Retry-After', String(RETRY_AFTER_SECONDS));
  next(new AppError('UNAVAILABLE', 'Database unavailable; retry later'));
}
