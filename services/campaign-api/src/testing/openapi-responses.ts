import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { OpenApiDocument } from '../http/openapi/document';

/** One answer the app gave, as the client saw it. */
export interface ObservedResponse {
  method: string;
  /** The request path without its query string. */
  path: string;
  status: number;
  contentType: string | undefined;
  /** The JSON body (as serialised on the wire), or undefined when the answer was not JSON. */
  body: unknown;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const SCHEMA_REF = '#/components/schemas/';

/**
 * Checks real answers against the OpenAPI document: the status must be documented for the operation, the media type
 * documented for that status, and a JSON body must match its schema (ajv, JSON Schema 2020-12: OpenAPI 3.1's dialect).
 * Requests that match no documented operation (unknown paths, Bull Board, static assets) are not checked here; the
 * route inventory test is what keeps the document and express in step.
 */
export class OpenApiResponseChecker {
  readonly violations: string[] = [];
  /** `METHOD /template status` of every answer checked. */
  readonly checked = new Set<string>();
  private readonly operations: Operation[];
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly defs: Record<string, unknown>;

  constructor(document: OpenApiDocument) {
    addFormats(this.ajv);
    this.defs = rewriteRefs(document.components?.schemas ?? {}) as Record<string, unknown>;
    this.operations = Object.entries(document.paths ?? {}).flatMap(([template, item]) =>
      Object.entries(item as Record<string, unknown>)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}/?$`),
          responses: (operation as { responses: Operation['responses'] }).responses,
        })),
    );
    // Literal paths win over templated ones (`/api/leads/import` over `/api/leads/{id}`).
    this.operations.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  }

  /** The documented operation a request reached, if any. */
  operationFor(method: string, path: string): Operation | undefined {
    return this.operations.find((operation) => operation.method === method && operation.pattern.test(path));
  }

  check(observed: ObservedResponse): void {
    const operation = this.operationFor(observed.method, observed.path);
    if (!operation) return;
    const name = `${operation.method} ${operation.template}`;
    const where = `${observed.method} ${observed.path} → ${observed.status}`;
    const response = operation.responses[String(observed.status)];
    if (!response) {
      this.violations.push(
        `${where}: status ${observed.status} is not documented for ${name} (body ${JSON.stringify(observed.body)?.slice(0, 300)})`,
      );
      return;
    }
    this.checked.add(`${name} ${observed.status}`);
    const mediaType = observed.contentType?.split(';')[0]?.trim().toLowerCase();
    const documented = Object.keys(response.content ?? {});
    if (!mediaType) {
      if (documented.length > 0) this.violations.push(`${where}: no body, but ${name} documents ${documented.join(', ')}`);
      return;
    }
    if (!documented.includes(mediaType)) {
      this.violations.push(`${where}: ${mediaType} is not a documented media type (${documented.join(', ') || 'none'}) for ${name}`);
      return;
    }
    if (mediaType !== 'application/json') return;
    const validate = this.validator(`${name} ${observed.status}`, response.content![mediaType]!.schema);
    if (!validate(observed.body)) {
      const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ');
      this.violations.push(
        `${where}: body does not match the documented schema: ${problems} (body ${JSON.stringify(observed.body).slice(0, 300)})`,
      );
    }
  }

  /** A validator of one of the document's schemas (its `$ref`s to components resolved). */
  compile(schema: unknown): ValidateFunction {
    return this.ajv.compile({ ...(rewriteRefs(schema ?? {}) as object), $defs: this.defs });
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.compile(schema);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/** `#/components/schemas/X` → `#/$defs/X`, so each response schema compiles on its own with the components beside it. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === '$ref' && typeof inner === 'string' && inner.startsWith(SCHEMA_REF)
          ? `#/$defs/${inner.slice(SCHEMA_REF.length)}`
          : rewriteRefs(inner),
      ]),
    );
  }
  return value;
}

/**
 * The app behind a front app that hands every answer to the checker: what a client receives, status, media type and
 * JSON body, whichever test sent the request. The app itself is unchanged (its settings, trust proxy, routes).
 */
export function withResponseChecks(app: Express, checker: OpenApiResponseChecker): Express {
  const front = express();
  front.disable('x-powered-by');
  front.use((req: Request, res: Response, next: NextFunction) => {
    let body: unknown;
    const json = res.json.bind(res);
    res.json = (value: unknown) => {
      // What the client parses: dates as strings, undefined properties gone.
      body = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
      return json(value);
    };
    res.on('finish', () => {
      const contentType = res.get('content-type');
      checker.check({ method: req.method, path: req.originalUrl.split('?')[0]!, status: res.statusCode, contentType, body });
    });
    next();
  });
  front.use(app);
  return front;
}
