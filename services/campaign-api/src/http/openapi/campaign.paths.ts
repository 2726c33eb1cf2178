import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ZCallLogSchema,
  ZCallSchema,
  ZCampaignSchema,
  ZCampaignWithStatsSchema,
  ZCreateCampaignRequestSchema,
  ZCreateCampaignResponseSchema,
  ZPageQuerySchema,
} from '@dialwave/contracts';
import { ZCallFilterQuerySchema } from '../campaign.routes';
import { idParam, pageOf } from './params';
import { AUTHENTICATED, errors, json, JSON_BODY, ok } from './responses';

const campaignId = idParam('id', 'campaign');
export const ZCallComponent = ZCallSchema.meta({ id: 'Call' });
const ZCampaignWithStatsComponent = ZCampaignWithStatsSchema.meta({ id: 'CampaignWithStats' });

export function registerCampaignPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/campaigns',
    operationId: 'createCampaign',
    tags: ['campaigns'],
    summary: 'Create and start a campaign',
    description:
      'Give `leadIds` or `allLeads: true`. Leads on the do-not-call list are left out (400 when none is left). Dialing starts at once, or at ' +
      '`schedule.startAt` (status SCHEDULED).',
    request: {
      body: {
        required: true,
        content: json(ZCreateCampaignRequestSchema, {
          agentId: '3f1c2a4e-8b0d-4c7a-9e21-5d6f7a8b9c0d',
          allLeads: true,
          campaignName: 'Spring offer',
          maxConcurrentCalls: 5,
          schedule: {
            startAt: '2026-12-01T09:00:00+05:30',
            timezone: 'Asia/Kolkata',
            windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00' }],
          },
          retry: { maxAttempts: 3, delaySeconds: 3600, on: ['BUSY', 'MISSED'] },
          answeringMachine: { action: 'voicemail', message: 'Hi, this is Acme Solar, please call us back.' },
        }),
      },
    },
    responses: {
      ...ok(201, 'The campaign started (or scheduled).', ZCreateCampaignResponseSchema.meta({ id: 'CreateCampaignResponse' })),
      ...errors(...AUTHENTICATED, ...JSON_BODY, 404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campaigns',
    operationId: 'listCampaigns',
    tags: ['campaigns'],
    summary: "The user's campaigns, newest first",
    request: { query: ZPageQuerySchema },
    responses: {
      ...ok(200, 'A page of campaigns.', pageOf('CampaignPage', ZCampaignSchema.meta({ id: 'Campaign' }))),
      ...errors(...AUTHENTICATED, 400),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campaigns/{id}',
    operationId: 'getCampaign',
    tags: ['campaigns'],
    summary: 'A campaign with its live stats',
    request: { params: campaignId },
    responses: { ...ok(200, 'The campaign.', ZCampaignWithStatsComponent), ...errors(...AUTHENTICATED, 404) },
  });
  for (const [action, effect] of [
    ['pause', 'Stops new dials (waiting jobs are removed); live calls finish.'],
    ['resume', 'Dials again.'],
    ['cancel', 'Stops new dials for good and skips the leads left; live calls finish.'],
  ] as const) {
    registry.registerPath({
      method: 'patch',
      path: `/api/campaigns/{id}/${action}`,
      operationId: `${action}Campaign`,
      tags: ['campaigns'],
      summary: `${action[0]!.toUpperCase()}${action.slice(1)} a campaign`,
      description: `${effect} 409 (\`INVALID_TRANSITION\`) when the campaign's status does not allow it.`,
      request: { params: campaignId },
      responses: { ...ok(200, 'The campaign after the change.', ZCampaignWithStatsComponent), ...errors(...AUTHENTICATED, 404, 409) },
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/api/campaigns/{id}/calls.csv',
    operationId: 'exportCampaignCalls',
    tags: ['campaigns'],
    summary: 'Every call of a campaign as CSV (streamed)',
    request: { params: campaignId },
    responses: {
      200: {
        description: 'One row per call: lead, number, attempt, status, outcome, answeredBy, times, duration, disposition, failure reason.',
        headers: { 'Content-Disposition': { description: '`attachment; filename="campaign-<id>-calls.csv"`', schema: { type: 'string' } } },
        content: { 'text/csv': { schema: z.string() } },
      },
      ...errors(...AUTHENTICATED, 404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campaigns/{id}/calls',
    operationId: 'listCampaignCalls',
    tags: ['campaigns'],
    summary: "A campaign's calls, newest first",
    request: { params: campaignId, query: ZPageQuerySchema.extend(ZCallFilterQuerySchema.shape) },
    responses: { ...ok(200, 'A page of calls.', pageOf('CallPage', ZCallComponent)), ...errors(...AUTHENTICATED, 400, 404) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/call-logs/{campaignId}',
    operationId: 'listCampaignCallLogs',
    tags: ['campaigns'],
    summary: "The event log of a campaign's calls, newest first",
    request: { params: idParam('campaignId', 'campaign'), query: ZPageQuerySchema },
    responses: {
      ...ok(200, 'A page of call log entries.', pageOf('CallLogPage', ZCallLogSchema.meta({ id: 'CallLog' }))),
      ...errors(...AUTHENTICATED, 400, 404),
    },
  });
}
