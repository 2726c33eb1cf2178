import { Router } from 'express';
import { ZAcceptCallRequestSchema, ZDispositionRequestSchema, ZRejectCallRequestSchema } from '@dialwave/contracts';
import { parseOrThrow } from '@dialwave/platform';
import type { CallService } from '../calls/call.service';
import type { InboundCallService } from '../calls/inbound-call.service';
import { currentUserId } from './require-auth';

export function callRoutes(calls: CallService, inbound: InboundCallService): Router {
  const router = Router();
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
