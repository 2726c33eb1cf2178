import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { OpenApiResponseChecker } from '../../testing/openapi-responses';
import { buildOpenApiDocument, buildWebhookIngestDocument, type OpenApiDocument } from './document';

const CAMPAIGN_API_DIR = resolve(__dirname, '../../..');

/**
 * @seriousme/openapi-schema-validator is an ES module, which jest's CommonJS runtime cannot load: node runs it on
 * the side, reading the document on stdin.
 */
async function validateOpenApi(document: unknown): Promise<{ valid: boolean; version: string; errors?: unknown }> {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(input));
    process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors }));
  `;
  const child = promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: CAMPAIGN_API_DIR });
  child.child.stdin!.end(JSON.stringify(document));
  return JSON.parse((await child).stdout) as { valid: boolean; version: string; errors?: unknown };
}

type Operation = {
  operationId?: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema?: unknown; example?: unknown }> };
  responses: Record<string, unknown>;
};

function operations(document: OpenApiDocument): [string, Operation][] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(
      ([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as [string, Operation],
    ),
  );
}

describe('the generated OpenAPI document', () => {
  const document = buildOpenApiDocument('0.0.0-test');

  it('is a valid OpenAPI 3.1 document, and so is the one of webhook-ingest', async () => {
    expect(await validateOpenApi(document)).toEqual({ valid: true, version: '3.1' });
    expect(await validateOpenApi(buildWebhookIngestDocument('0.0.0-test'))).toEqual({ valid: true, version: '3.1' });
  });

  it('names every operation once, and lists 401 on every route that takes a token', () => {
    const ids = operations(document).map(([, operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(undefined);
    // `security` unset: the document-wide bearerAuth applies.
    const needToken = operations(document).filter(([, operation]) => operation.security === undefined);
    expect(needToken.length).toBeGreaterThan(20);
    expect(needToken.filter(([, operation]) => !('401' in operation.responses)).map(([name]) => name)).toEqual([]);
  });

  it('describes errors with the one error body, each status with the codes it carries', () => {
    expect(document.components?.schemas?.Error409).toMatchObject({
      properties: {
        error: {
          properties: { code: { enum: ['CONFLICT', 'INVALID_TRANSITION'] }, message: { type: 'string' } },
          required: ['code', 'message'],
        },
      },
    });
    const [, pause] = operations(document).find(([name]) => name === 'PATCH /api/campaigns/{id}/pause')!;
    expect(pause.responses['409']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error409' } } },
    });
  });

  it('gives request examples that match their own schemas, in both documents', () => {
    for (const doc of [document, buildWebhookIngestDocument('0.0.0-test')]) {
      const checker = new OpenApiResponseChecker(doc);
      const examples = operations(doc).flatMap(([name, operation]) => {
        const media = operation.requestBody?.content['application/json'];
        return media?.example === undefined ? [] : [{ name, schema: media.schema, example: media.example }];
      });
      expect(examples.length).toBeGreaterThan(0);
      for (const { name, schema, example } of examples) {
        const validate = checker.compile(schema);
        expect({ name, valid: validate(example), errors: validate.errors ?? null }).toEqual({ name, valid: true, errors: null });
      }
    }
  });
});
