import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerAgentPaths } from './agent.paths';
import { registerAuthPaths } from './auth.paths';
import { registerCallPaths } from './call.paths';
import { registerCampaignPaths } from './campaign.paths';
import { registerDncPaths } from './dnc.paths';
import { registerLeadPaths } from './lead.paths';
import { registerPlatformPaths } from './platform.paths';
import { registerWebhookIngestPaths } from './webhook-ingest.paths';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const DESCRIPTION = `Outbound call campaigns and inbound call handling: agents, leads, campaigns, calls and the do-not-call list.

**Auth.** \`POST /api/auth/login\` answers a token; send it as \`Authorization: Bearer <token>\` on every other \`/api\` route
(tokens last 12 hours). Another user's id answers 404, as a missing one does.

**Errors.** Every error answers \`{ "error": { "code", "message", "details"? } }\`; \`details\` names the fields at fault.
Each error status lists the codes it carries.

**Lists.** Paginated lists answer \`{ items, nextCursor }\`, newest first; pass \`nextCursor\` as \`cursor\` for the next page
(\`limit\` 1–500, default 50).

**Live updates** come over socket.io from realtime-gateway, not from this API.`;

/** The OpenAPI 3.1 document of campaign-api, generated from the zod contracts the routes parse and answer with. */
export function buildOpenApiDocument(version: string): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  registerAuthPaths(registry);
  registerAgentPaths(registry);
  registerLeadPaths(registry);
  registerCampaignPaths(registry);
  registerCallPaths(registry);
  registerDncPaths(registry);
  registerPlatformPaths(registry);
  return new OpenApiGeneratorV31(registry.definitions, { sortComponents: 'alphabetically' }).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Dialwave campaign API', version, description: DESCRIPTION },
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'auth', description: 'Accounts and sessions' },
      { name: 'agents', description: 'Calling profiles: provider, caller number, greeting, voice runtime' },
      { name: 'leads', description: 'People to call, one by one or from CSV' },
      { name: 'campaigns', description: 'Dialing a list of leads, its progress and its calls' },
      { name: 'calls', description: 'Calls, their reports, dispositions and inbound calls' },
      { name: 'do-not-call', description: 'Numbers never dialed' },
      { name: 'operations', description: 'Health, metrics and this document' },
    ],
  });
}

const WEBHOOK_INGEST_DESCRIPTION = `The routes of webhook-ingest, at PUBLIC_WEBHOOK_URL: what carriers and agents' voice runtimes call.

**Auth.** Twilio's requests carry \`X-Twilio-Signature\`, checked against PUBLIC_WEBHOOK_URL + path + query (403 when it does
not verify). SansPBX callbacks and voice runtimes' reports carry \`callId\` and a per-call \`token\` in the URL Dialwave
handed out with the call: use it exactly as given (403 for a wrong or missing token, checked before anything else).

**Errors** answer \`{ "error": { "code", "message", "details"? } }\` like campaign-api's; 503 comes with \`Retry-After\`.`;

/** The OpenAPI 3.1 document of webhook-ingest's routes, from the same contracts it parses with. */
export function buildWebhookIngestDocument(version: string): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registerWebhookIngestPaths(registry);
  return new OpenApiGeneratorV31(registry.definitions, { sortComponents: 'alphabetically' }).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Dialwave webhook-ingest', version, description: WEBHOOK_INGEST_DESCRIPTION },
    servers: [
      {
        url: '{publicWebhookUrl}',
        description: 'Where the carrier reaches webhook-ingest',
        variables: { publicWebhookUrl: { default: 'https://hooks.example.com', description: 'PUBLIC_WEBHOOK_URL' } },
      },
    ],
    tags: [
      { name: 'voice runtimes', description: "Reports from agents' speech runtimes" },
      { name: 'carriers', description: 'Status callbacks and TwiML requests from Twilio and SansPBX' },
      { name: 'operations', description: 'Health and metrics (not public)' },
    ],
  });
}
