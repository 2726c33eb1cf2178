import { Router } from 'express';
import { ZDispositionRequestSchema } from '@dialwave/contracts';
import { parseOrThrow } from '@dialwave/platform';
import type { CallService } from '../calls/call.service';
import { currentUserId } from './require-auth';

export function callRoutes(calls: CallService): Router {
  const router = Router();
  router.get('/:id', async (req, res) => {
    res.json(await calls.get(currentUserId(res), req.params.id));
  });
  router.post('/:id/disposition', async (req, res) => {
    res.json(await calls.recordDisposition(currentUserId(res), req.params.id, parseOrThrow(ZDispositionRequestSchema, req.body)));
  });
  return router;
}
