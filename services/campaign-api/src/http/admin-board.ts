import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { AppError } from '@dialwave/platform';
import type { AttemptLimiter } from '../rate-limits/attempt-limiter';

export interface AdminCredentials {
  user: string;
  password: string;
  /** ADMIN_BOARD_WRITE: only then may the board add, retry, promote, clean or delete jobs. */
  write?: boolean;
}

export const ADMIN_BOARD_PATH = '/admin/queues';
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Bull Board over the given queues, behind HTTP Basic auth with the admin credentials. Read-only unless
 * `write`: each queue adapter is in bull-board's readOnlyMode (no action buttons; its queue routes answer
 * 405), and every other write request is refused here too, board-wide endpoints included.
 */
export function adminBoard(queues: Queue[], credentials: AdminCredentials, failures: AttemptLimiter): Router {
  const readOnlyMode = !credentials.write;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(ADMIN_BOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode })), serverAdapter });
  const router = Router();
  router.use(requireBasicAuth(credentials, failures));
  if (readOnlyMode) {
    router.use((req, _res, next) => {
      next(
        READ_METHODS.has(req.method)
          ? undefined
          : new AppError('FORBIDDEN', 'Bull Board is read-only (set ADMIN_BOARD_WRITE=1 to allow changes)'),
      );
    });
  }
  router.use(serverAdapter.getRouter() as Router);
  return router;
}

/**
 * Failed attempts are counted per client address (shared by every replica through Redis); over the limit
 * the address gets a 429 before its credentials are even compared.
 */
function requireBasicAuth(credentials: AdminCredentials, failures: AttemptLimiter) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const ip = req.ip ?? 'unknown';
    await failures.assertAvailable(ip);
    const [scheme, encoded] = (req.get('authorization') ?? '').split(' ');
    const decoded = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
    const separator = decoded.indexOf(':');
    const user = decoded.slice(0, separator);
    const password = decoded.slice(separator + 1);
    // Both comparisons always run, so timing does not reveal which half was wrong.
    const userMatches = safeEqual(user, credentials.user);
    const passwordMatches = safeEqual(password, credentials.password);
    if (separator >= 0 && userMatches && passwordMatches) {
      next();
      return;
    }
    // A browser's first request carries no credentials; only wrong ones count as a failure.
    if (encoded) await failures.take(ip);
    res
      .status(401)
      .set('WWW-Authenticate', 'Basic realm="dialwave-admin", charset="UTF-8"')
      .json({ error: { code: 'UNAUTHENTICATED', message: 'Admin credentials required' } });
  };
}

function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
