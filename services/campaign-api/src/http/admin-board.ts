import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import { Router, type NextFunction, type Request, type Response } from 'express';

export interface AdminCredentials {
  user: string;
  password: string;
}

export const ADMIN_BOARD_PATH = '/admin/queues';

/** Bull Board over the given queues, behind HTTP Basic auth with the admin credentials. */
export function adminBoard(queues: Queue[], credentials: AdminCredentials): Router {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(ADMIN_BOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter });
  const router = Router();
  router.use(requireBasicAuth(credentials), serverAdapter.getRouter() as Router);
  return router;
}

function requireBasicAuth(credentials: AdminCredentials) {
  return (req: Request, res: Response, next: NextFunction) => {
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
