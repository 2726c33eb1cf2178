import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ZHealthResponseSchema, ZReadinessResponseSchema } from '@dialwave/contracts';
import { ok } from './responses';

export function registerPlatformPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    tags: ['operations'],
    summary: 'Liveness: the process answers',
    security: [],
    responses: ok(200, 'Alive.', ZHealthResponseSchema),
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'readiness',
    tags: ['operations'],
    summary: 'Readiness: Redis and Postgres answer',
    description: 'Which dependency failed, and why, goes to the log only.',
    security: [],
    responses: { ...ok(200, 'Ready.', ZReadinessResponseSchema), ...ok(503, 'Not ready.', ZReadinessResponseSchema) },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    tags: ['operations'],
    summary: 'Prometheus metrics (keep off the internet)',
    security: [],
    responses: { 200: { description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: z.string() } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openApiDocument',
    tags: ['operations'],
    summary: 'This document (OpenAPI 3.1)',
    security: [],
    responses: ok(200, 'The OpenAPI document, generated from the zod contracts.', z.record(z.string(), z.unknown())),
  });
  registry.registerPath({
    method: 'get',
    path: '/api/openapi/webhook-ingest.json',
    operationId: 'webhookIngestOpenApiDocument',
    tags: ['operations'],
    summary: "webhook-ingest's routes (carrier callbacks, voice runtimes' reports) as an OpenAPI 3.1 document",
    security: [],
    responses: ok(200, 'The OpenAPI document of webhook-ingest, generated from the zod contracts.', z.record(z.string(), z.unknown())),
  });
  registry.registerPath({
    method: 'get',
    path: '/api/docs',
    operationId: 'apiDocs',
    tags: ['operations'],
    summary: 'Interactive API reference (Swagger UI) over this document',
    security: [],
    responses: {
      200: {
        description: 'An HTML page; its scripts and styles are served from the API itself.',
        content: { 'text/html': { schema: z.string() } },
      },
    },
  });
}
