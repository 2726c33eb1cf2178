import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ZDncAddRequestSchema, ZDncEntrySchema, ZDncImportResultSchema, ZPageQuerySchema } from '@dialwave/contracts';
import { pageOf } from './params';
import { AUTHENTICATED, errors, json, JSON_BODY, ok } from './responses';

const ZDncEntryComponent = ZDncEntrySchema.meta({ id: 'DncEntry' });

export function registerDncPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/dnc',
    operationId: 'listDnc',
    tags: ['do-not-call'],
    summary: "The user's do-not-call list, newest first",
    request: { query: ZPageQuerySchema },
    responses: { ...ok(200, 'A page of numbers.', pageOf('DncPage', ZDncEntryComponent)), ...errors(...AUTHENTICATED, 400) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/dnc',
    operationId: 'addDnc',
    tags: ['do-not-call'],
    summary: 'Put a number on the do-not-call list',
    description: 'Adding a number already on the list is fine (201 again). The number is kept out of every later dial.',
    request: { body: { required: true, content: json(ZDncAddRequestSchema, { phone: '+14155550199' }) } },
    responses: { ...ok(201, 'The entry.', ZDncEntryComponent), ...errors(...AUTHENTICATED, ...JSON_BODY) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/dnc/import',
    operationId: 'importDnc',
    tags: ['do-not-call'],
    summary: 'Import do-not-call numbers from CSV',
    request: {
      body: {
        required: true,
        content: {
          'text/csv': {
            schema: z.string().meta({
              description: 'CSV with a `phone` column (other columns are ignored); at most 5 MB.',
              example: 'phone\n+14155550101\n',
            }),
          },
        },
      },
    },
    responses: {
      ...ok(200, 'What was added and which rows were not.', ZDncImportResultSchema.meta({ id: 'DncImportResult' })),
      ...errors(...AUTHENTICATED, 400, 413, 415),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/dnc/{phone}',
    operationId: 'removeDnc',
    tags: ['do-not-call'],
    summary: 'Take a number off the do-not-call list',
    request: {
      params: z.object({ phone: z.string().meta({ description: 'The number, E.164 or in DEFAULT_PHONE_REGION (URL-encode the `+`).' }) }),
    },
    responses: { 204: { description: 'Removed.' }, ...errors(...AUTHENTICATED, 400, 404) },
  });
}
