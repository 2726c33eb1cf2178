import { Router } from 'express';
import { z } from 'zod';
import { ZCallStatusSchema, ZCreateCampaignRequestSchema, type TCallingWindow, type TCreateCampaignResponse } from '@dialwave/contracts';
import { cancelCampaign, pauseCampaign, resumeCampaign, startCampaign, type CampaignDeps } from '@dialwave/domain';
import { parseOrThrow } from '@dialwave/platform';
import type { CampaignQueryService } from '../campaigns/campaign-query.service';
import { parsePageQuery } from '../shared/pagination';
import { currentUserId } from './require-auth';

export const ZCallFilterQuerySchema = z.object({ status: ZCallStatusSchema.optional() });

const transitions = { pause: pauseCampaign, resume: resumeCampaign, cancel: cancelCampaign } as const;

export interface CampaignRouteConfig {
  /** DEFAULT_CALLING_WINDOWS: for campaigns created without windows of their own; unset = any hour. */
  defaultCallingWindows?: TCallingWindow[];
}

/** Writes go to the domain (one owner of the campaign state machine); reads come from the query service. */
export function campaignRoutes(queries: CampaignQueryService, domain: CampaignDeps, config: CampaignRouteConfig = {}): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    const body = parseOrThrow(ZCreateCampaignRequestSchema, req.body);
    const started: TCreateCampaignResponse = await startCampaign(domain, {
      userId: currentUserId(res),
      agentId: body.agentId,
      leadIds: body.leadIds,
      allLeads: body.allLeads,
      name: body.campaignName,
      maxConcurrentCalls: body.maxConcurrentCalls,
      ...(body.schedule?.startAt ? { startAt: new Date(body.schedule.startAt) } : {}),
      ...(body.schedule?.timezone ? { timezone: body.schedule.timezone } : {}),
      callingWindows: body.schedule?.windows ?? config.defaultCallingWindows ?? null,
      ...(body.retry ? { retry: body.retry } : {}),
      ...(body.answeringMachine ? { answeringMachine: body.answeringMachine } : {}),
    });
    res.status(201).json(started);
  });
  router.get('/', async (req, res) => {
    res.json(await queries.list(currentUserId(res), parsePageQuery(req.query)));
  });
  router.get('/:id', async (req, res) => {
    res.json(await queries.get(currentUserId(res), req.params.id));
  });
  for (const [action, transition] of Object.entries(transitions)) {
    router.patch(`/:id/${action}`, async (req, res) => {
      const userId = currentUserId(res);
      await transition(domain, userId, req.params.id);
      res.json(await queries.get(userId, req.params.id));
    });
  }
  router.get('/:id/calls.csv', async (req, res) => {
    try {
      await queries.exportCalls(currentUserId(res), req.params.id, res, (campaign) => {
        res.type('text/csv; charset=utf-8');
        res.attachment(`campaign-${campaign.id}-calls.csv`);
      });
    } catch (err) {
      // Before the first byte, the error is an answer like any other (404 for another user's campaign).
      if (!res.headersSent) throw err;
      // After it, the pipeline has already ended the response; the client sees a cut-short download.
      domain.logger.warn({ err, campaignId: req.params.id }, 'calls export stopped mid-stream');
    }
  });
  router.get('/:id/calls', async (req, res) => {
    const { status } = parseOrThrow(ZCallFilterQuerySchema, req.query, 'query');
    res.json(await queries.listCalls(currentUserId(res), req.params.id, parsePageQuery(req.query), status));
  });
  return router;
}

export function callLogRoutes(queries: CampaignQueryService): Router {
  const router = Router();
  router.get('/:campaignId', async (req, res) => {
    res.json(await queries.listLogs(currentUserId(res), req.params.campaignId, parsePageQuery(req.query)));
  });
  return router;
}
