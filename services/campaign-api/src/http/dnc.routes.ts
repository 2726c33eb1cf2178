import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { ZDncAddRequestSchema } from '@dialwave/contracts';
import { AppError, parseOrThrow } from '@dialwave/platform';
import type { DncService } from '../dnc/dnc.service';
import { parsePageQuery } from '../shared/pagination';
import { currentUserId } from './require-auth';

const CSV_LIMIT = '5mb';
const parseCsvText = express.text({ type: 'text/csv', limit: CSV_LIMIT });

/** `/api/dnc`: the user's do-not-call list. */
export function dncRoutes(dnc: DncService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await dnc.list(currentUserId(res), parsePageQuery(req.query)));
  });
  router.post('/', async (req, res) => {
    const { phone } = parseOrThrow(ZDncAddRequestSchema, req.body);
    res.status(201).json(await dnc.add(currentUserId(res), phone));
  });
  router.post('/import', requireCsv, csvBody, async (req, res) => {
    const csv: unknown = req.body;
    res.json(await dnc.importCsv(currentUserId(res), typeof csv === 'string' ? csv : ''));
  });
  router.delete('/:phone', async (req, res) => {
    await dnc.remove(currentUserId(res), req.params.phone);
    res.status(204).end();
  });
  return router;
}

function requireCsv(req: Request, _res: Response, next: NextFunction) {
  if (req.is('text/csv')) next();
  else next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Do-not-call import takes a text/csv body'));
}

function csvBody(req: Request, res: Response, next: NextFunction) {
  parseCsvText(req, res, (err?: unknown) => {
    if ((err as { type?: string } | undefined)?.type === 'entity.too.large') {
      next(new AppError('PAYLOAD_TOO_LARGE', 'CSV body is larger than the 5 MB limit', [{ field: 'body', message: 'larger than 5 MB' }]));
    } else {
      next(err);
    }
  });
}
