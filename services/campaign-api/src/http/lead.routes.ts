import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, parseOrThrow } from '@dialwave/platform';
import type { LeadService } from '../leads/lead.service';
import { parsePageQuery } from '../shared/pagination';
import { currentUserId } from './require-auth';

const ZLeadSearchQuerySchema = z.object({ search: z.string().trim().max(200).optional() });

export function leadRoutes(leads: LeadService): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    res.status(201).json(await leads.create(currentUserId(res), req.body));
  });
  router.post('/import', requireCsv, csvBody, async (req, res) => {
    const csv: unknown = req.body;
    res.json(await leads.importCsv(currentUserId(res), typeof csv === 'string' ? csv : ''));
  });
  router.get('/', async (req, res) => {
    const { search } = parseOrThrow(ZLeadSearchQuerySchema, req.query, 'query');
    res.json(await leads.list(currentUserId(res), parsePageQuery(req.query), search || undefined));
  });
  router.get('/by-phone/:phone', async (req, res) => {
    res.json(await leads.getByPhone(currentUserId(res), req.params.phone));
  });
  router.get('/:id', async (req, res) => {
    res.json(await leads.get(currentUserId(res), req.params.id));
  });
  return router;
}

function requireCsv(req: Request, _res: Response, next: NextFunction) {
  if (req.is('text/csv')) next();
  else next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Lead import takes a text/csv body'));
}

const CSV_LIMIT = '5mb';
const parseCsvText = express.text({ type: 'text/csv', limit: CSV_LIMIT });

/** The shared error table speaks of the 1 MB JSON limit; an import has its own. */
function csvBody(req: Request, res: Response, next: NextFunction) {
  parseCsvText(req, res, (err?: unknown) => {
    if ((err as { type?: string } | undefined)?.type === 'entity.too.large') {
      next(new AppError('PAYLOAD_TOO_LARGE', 'CSV body is larger than the 5 MB limit', [{ field: 'body', message: 'larger than 5 MB' }]));
    } else {
      next(err);
    }
  });
}
