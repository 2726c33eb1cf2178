import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ZAgentSchema, ZCreateAgentRequestSchema, ZUpdateAgentRequestSchema } from '@dialwave/contracts';
import { idParam, pageOf } from './params';
import { AUTHENTICATED, errors, json, JSON_BODY, ok } from './responses';

export const ZAgentComponent = ZAgentSchema.meta({ id: 'Agent' });
const agentId = idParam('id', 'agent');
const NUMBER_RULES =
  "A `fromNumber` belongs to one agent across the deployment (409 naming `fromNumber`); a Twilio agent's must be a number or verified caller id " +
  'of the Twilio account (400 naming `fromNumber`; 502 when Twilio cannot be asked).';

export function registerAgentPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/agents',
    operationId: 'createAgent',
    tags: ['agents'],
    summary: 'Create a calling agent',
    description: `${NUMBER_RULES} The \`simulator\` provider and \`ws://\` voice runtimes are accepted in development mode only.`,
    request: {
      body: {
        required: true,
        content: json(ZCreateAgentRequestSchema, {
          name: 'Solar sales',
          provider: 'twilio',
          fromNumber: '+14155550100',
          greeting: 'Hi, this is Acme Solar calling about your rooftop quote.',
          recordCalls: true,
        }),
      },
    },
    responses: { ...ok(201, 'The agent.', ZAgentComponent), ...errors(...AUTHENTICATED, ...JSON_BODY, 409, 502) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/agents',
    operationId: 'listAgents',
    tags: ['agents'],
    summary: "The user's agents (one page holds them all)",
    responses: {
      ...ok(200, 'Every agent of the user; `nextCursor` is always null.', pageOf('AgentPage', ZAgentComponent)),
      ...errors(...AUTHENTICATED),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/agents/{id}',
    operationId: 'getAgent',
    tags: ['agents'],
    summary: 'One agent',
    request: { params: agentId },
    responses: { ...ok(200, 'The agent.', ZAgentComponent), ...errors(...AUTHENTICATED, 404) },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/agents/{id}',
    operationId: 'updateAgent',
    tags: ['agents'],
    summary: 'Change an agent',
    description: `At least one field. \`voiceRuntimeUrl: null\` takes the agent off its voice runtime. ${NUMBER_RULES}`,
    request: {
      params: agentId,
      body: { required: true, content: json(ZUpdateAgentRequestSchema, { voiceRuntimeUrl: 'wss://voice.example.com/dialwave' }) },
    },
    responses: { ...ok(200, 'The agent as changed.', ZAgentComponent), ...errors(...AUTHENTICATED, ...JSON_BODY, 404, 409, 502) },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/agents/{id}',
    operationId: 'deleteAgent',
    tags: ['agents'],
    summary: 'Delete an agent no campaign uses',
    request: { params: agentId },
    responses: { 204: { description: 'Deleted.' }, ...errors(...AUTHENTICATED, 404, 409) },
  });
}
