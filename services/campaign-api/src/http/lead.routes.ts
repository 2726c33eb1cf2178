import { ZLeadStatusSchema } from '@dialwave/contracts';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, parseOrThrow } from '@dialwave/platform';
import type { LeadService } from '../leads/lead.service';
import { parsePageQuery } from '../shared/pagination';
import { currentUserId } from './require-auth';

export const ZLeadSearchQuerySchema = z.object({ search: z.string().trim().max(200).optional(), status: ZLeadStatusSchema.optional() });

export function leadRoutes(leads: LeadService, importMaxBytes: number): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    res.status(201).json(await leads.create(currentUserId(res), req.body));
  });
  // The body is never buffered: the import reads it as a stream (see readCsvRecords).
  router.post('/import', requireCsv, refuseDeclaredOversize(importMaxBytes), async (req, res) => {
    res.json(await leads.importCsv(currentUserId(res), req));
  });
  router.get('/', async (req, res) => {
    const { search, status } = parseOrThrow(ZLeadSearchQuerySchema, req.query, 'query');
    res.json(await leads.list(currentUserId(res), parsePageQuery(req.query), search || undefined, status));
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
  if (!req.is('text/csv')) {
    next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Lead import takes a text/csv body'));
    return;
  }
  const encoding = req.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') {
    next(
      new AppError('UNSUPPORTED_MEDIA_TYPE', `Lead import takes an uncompressed body, not ${encoding}`, [
        { field: 'content-encoding', message: 'not supported' },
      ]),
    );
    return;
  }
  next();
}

/** A body announced as too large is refused before a byte of it is read; a chunked one is counted as it streams. */
function refuseDeclaredOversize(maxBytes: number) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const declared = Number(req.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      const mb = Math.floor(maxBytes / (1024 * 1024));
      next(
        new AppError('PAYLOAD_TOO_LARGE', `CSV body is larger than the ${mb} MB limit`, [
          { field: 'body', message: `larger than ${mb} MB` },
        ]),
      );
      return;
    }
    next();
  };
}
