import { Router } from 'express';
import { ZCreateAgentRequestSchema, ZUpdateAgentRequestSchema } from '@dialwave/contracts';
import { parseOrThrow } from '@dialwave/platform';
import type { AgentService } from '../agents/agent.service';
import { currentUserId } from './require-auth';

export function agentRoutes(agents: AgentService): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    res.status(201).json(await agents.create(currentUserId(res), parseOrThrow(ZCreateAgentRequestSchema, req.body)));
  });
  router.get('/', async (_req, res) => {
    // Same shape as the paginated lists; a user has few agents, so one page holds them all.
    res.json({ items: await agents.list(currentUserId(res)), nextCursor: null });
  });
  router.get('/:id', async (req, res) => {
    res.json(await agents.get(currentUserId(res), req.params.id));
  });
  router.patch('/:id', async (req, res) => {
    res.json(await agents.update(currentUserId(res), req.params.id, parseOrThrow(ZUpdateAgentRequestSchema, req.body)));
  });
  router.delete('/:id', async (req, res) => {
    await agents.delete(currentUserId(res), req.params.id);
    res.status(204).end();
  });
  return router;
}
