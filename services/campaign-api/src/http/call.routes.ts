import { Router } from 'express';
import { ZAcceptCallRequestSchema, ZCallSearchQuerySchema, ZDispositionRequestSchema, ZRejectCallRequestSchema } from '@dialwave/contracts';
import { parseOrThrow } from '@dialwave/platform';
import type { CallSearchService } from '../calls/call-search.service';
import type { CallService } from '../calls/call.service';
import type { InboundCallService } from '../calls/inbound-call.service';
import { parsePageQuery } from '../shared/pagination';
import { currentUserId } from './require-auth';

export function callRoutes(calls: CallService, inbound: InboundCallService, search: CallSearchService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { q } = parseOrThrow(ZCallSearchQuerySchema, req.query, 'query');
    res.json(await search.search(currentUserId(res), q, parsePageQuery(req.query)));
  });
  router.get('/:id', async (req, res) => {
    res.json(await calls.get(currentUserId(res), req.params.id));
  });
  router.post('/:id/disposition', async (req, res) => {
    res.json(await calls.recordDisposition(currentUserId(res), req.params.id, parseOrThrow(ZDispositionRequestSchema, req.body)));
  });
  router.post('/:id/accept', async (req, res) => {
    res.json(await inbound.accept(currentUserId(res), req.params.id, parseOrThrow(ZAcceptCallRequestSchema, req.body ?? {})));
  });
  router.post('/:id/reject', async (req, res) => {
    res.json(await inbound.reject(currentUserId(res), req.params.id, parseOrThrow(ZRejectCallRequestSchema, req.body ?? {})));
  });
  return router;
}
