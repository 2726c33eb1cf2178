import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerAgentPaths } from './agent.paths';
import { registerAuthPaths } from './auth.paths';
import { registerCallPaths } from './call.paths';
import { registerCampaignPaths } from './campaign.paths';
import { registerDncPaths } from './dnc.paths';
import { registerLeadPaths } from './lead.paths';
import { registerPlatformPaths } from './platform.paths';

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
