import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  ZAcceptCallRequestSchema,
  ZCallDetailSchema,
  ZCallSearchHitSchema,
  ZCallSearchQuerySchema,
  ZDispositionRequestSchema,
  ZPageQuerySchema,
  ZRejectCallRequestSchema,
} from '@dialwave/contracts';
import { ZCallComponent } from './campaign.paths';
import { idParam, pageOf } from './params';
import { AUTHENTICATED, errors, json, JSON_BODY, ok } from './responses';

const callId = idParam('id', 'call');
const INBOUND_ONLY =
  '409 (`INVALID_TRANSITION`) for an outbound call, one that has ended, or one already accepted or rejected; 502 when the carrier refuses.';

export function registerCallPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/calls',
    operationId: 'searchCalls',
    tags: ['calls'],
    summary: "Full-text search over the user's transcripts and summaries",
    description: 'Postgres `websearch_to_tsquery` syntax: words, "a phrase", -word. Newest first.',
    request: { query: ZPageQuerySchema.extend(ZCallSearchQuerySchema.shape) },
    responses: {
      ...ok(200, 'A page of matching calls with an excerpt.', pageOf('CallSearchPage', ZCallSearchHitSchema.meta({ id: 'CallSearchHit' }))),
      ...errors(...AUTHENTICATED, 400),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/calls/{id}',
    operationId: 'getCall',
    tags: ['calls'],
    summary: 'A call with its log and its report',
    request: { params: callId },
    responses: {
      ...ok(200, 'The call; `report` is null until its voice runtime reports.', ZCallDetailSchema.meta({ id: 'CallDetail' })),
      ...errors(...AUTHENTICATED, 404),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/calls/{id}/disposition',
    operationId: 'setCallDisposition',
    tags: ['calls'],
    summary: 'Record how a call went',
    description: '`DO_NOT_CALL` also puts the number on the do-not-call list.',
    request: {
      params: callId,
      body: {
        required: true,
        content: json(ZDispositionRequestSchema, { disposition: 'CALLBACK_REQUESTED', notes: 'Call back after 5 pm.' }),
      },
    },
    responses: { ...ok(200, 'The call.', ZCallComponent), ...errors(...AUTHENTICATED, ...JSON_BODY, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/calls/{id}/accept',
    operationId: 'acceptInboundCall',
    tags: ['calls'],
    summary: 'Connect a waiting inbound caller to an agent',
    description: `Connects the caller to the agent's Twilio Client identity (the suggested or given agent). ${INBOUND_ONLY}`,
    request: {
      params: callId,
      body: { required: false, content: json(ZAcceptCallRequestSchema, { agentId: '3f1c2a4e-8b0d-4c7a-9e21-5d6f7a8b9c0d' }) },
    },
    responses: { ...ok(200, 'The call.', ZCallComponent), ...errors(...AUTHENTICATED, ...JSON_BODY, 404, 409, 502) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/calls/{id}/reject',
    operationId: 'rejectInboundCall',
    tags: ['calls'],
    summary: 'Hang up on a waiting inbound caller',
    description: `Logs the reason and ends the call. ${INBOUND_ONLY}`,
    request: { params: callId, body: { required: false, content: json(ZRejectCallRequestSchema, { reason: 'outside office hours' }) } },
    responses: { ...ok(200, 'The call.', ZCallComponent), ...errors(...AUTHENTICATED, ...JSON_BODY, 404, 409, 502) },
  });
}
