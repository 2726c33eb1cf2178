import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  LEAD_CSV_COLUMNS,
  ZCreateLeadRequestSchema,
  ZLeadByPhoneSchema,
  ZLeadImportResultSchema,
  ZLeadListItemSchema,
  ZLeadSchema,
  ZLeadWithCallsSchema,
  ZPageQuerySchema,
} from '@dialwave/contracts';
import { ZLeadSearchQuerySchema } from '../lead.routes';
import { idParam, pageOf } from './params';
import { AUTHENTICATED, errors, json, JSON_BODY, ok } from './responses';

const ZLeadCsvSchema = z.string().meta({
  description: `CSV with the header row \`${LEAD_CSV_COLUMNS.join(',')}\` (only \`firstName\` and \`phone\` need values). At most IMPORT_MAX_ROWS data rows (100,000 by default).`,
  example: `${LEAD_CSV_COLUMNS.join(',')}\nAda,Lovelace,+14155550101,ada@example.com,Analytical Engines,America/Los_Angeles\n`,
});

export function registerLeadPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/leads',
    operationId: 'createLead',
    tags: ['leads'],
    summary: 'Create a lead',
    description:
      'The phone is normalised to E.164 (numbers without `+country` in DEFAULT_PHONE_REGION); 400 naming `phone` when it is not a number, ' +
      'a premium-rate or shared-cost number, or outside DIAL_ALLOWED_COUNTRIES; 409 when the user has a lead with that number.',
    request: {
      body: {
        required: true,
        content: json(ZCreateLeadRequestSchema, {
          firstName: 'Ada',
          lastName: 'Lovelace',
          phone: '+14155550101',
          email: 'ada@example.com',
          company: 'Analytical Engines',
          timezone: 'America/Los_Angeles',
        }),
      },
    },
    responses: { ...ok(201, 'The lead.', ZLeadSchema.meta({ id: 'Lead' })), ...errors(...AUTHENTICATED, ...JSON_BODY, 409) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/leads/import',
    operationId: 'importLeads',
    tags: ['leads'],
    summary: 'Import leads from CSV',
    description:
      'Streamed: valid rows are stored together (a number the user has already counts as a duplicate), invalid rows are reported (the first 100, ' +
      'and a count). A file over the row or byte limit answers 413 and stores nothing. Limited per user (RATE_LIMIT_IMPORT_USER).',
    request: { body: { required: true, content: { 'text/csv': { schema: ZLeadCsvSchema } } } },
    responses: {
      ...ok(200, 'What was stored and which rows were not.', ZLeadImportResultSchema.meta({ id: 'LeadImportResult' })),
      ...errors(...AUTHENTICATED, 400, 413, 415, 429, 503),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/leads',
    operationId: 'listLeads',
    tags: ['leads'],
    summary: "The user's leads, newest first",
    description: '`search` matches names, phone, email and company; `status` filters by the lead status.',
    request: { query: ZPageQuerySchema.extend(ZLeadSearchQuerySchema.shape) },
    responses: {
      ...ok(
        200,
        'A page of leads with the sentiment of their latest analysed call.',
        pageOf('LeadPage', ZLeadListItemSchema.meta({ id: 'LeadListItem' })),
      ),
      ...errors(...AUTHENTICATED, 400),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/leads/by-phone/{phone}',
    operationId: 'getLeadByPhone',
    tags: ['leads'],
    summary: 'A lead by phone number, with its history and a suggested agent',
    request: {
      params: z.object({ phone: z.string().meta({ description: 'The number, E.164 or in DEFAULT_PHONE_REGION (URL-encode the `+`).' }) }),
    },
    responses: { ...ok(200, 'The lead.', ZLeadByPhoneSchema.meta({ id: 'LeadByPhone' })), ...errors(...AUTHENTICATED, 400, 404) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/leads/{id}',
    operationId: 'getLead',
    tags: ['leads'],
    summary: 'A lead with its calls',
    request: { params: idParam('id', 'lead') },
    responses: {
      ...ok(200, 'The lead, its calls newest first and the newest summary among them.', ZLeadWithCallsSchema.meta({ id: 'LeadWithCalls' })),
      ...errors(...AUTHENTICATED, 404),
    },
  });
}
