import type { ResponseConfig, ZodContentObject } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ZApiErrorDetailSchema } from '@dialwave/contracts';
import { ERROR_HTTP_STATUS, type ErrorCode } from '@dialwave/platform';

export type Responses = Record<number, ResponseConfig>;

/** A body in JSON; a request body's example is checked against its schema by the document's tests. */
export function json(schema: z.ZodType, example?: unknown): ZodContentObject {
  return { 'application/json': example === undefined ? { schema } : { schema, example } };
}

/** A success answer with a JSON body. */
export function ok(status: number, description: string, schema: z.ZodType): Responses {
  return { [status]: { description, content: json(schema) } };
}

const ERROR_MEANING: Record<number, string> = {
  400: 'The request is invalid: `details` names each field (`body`, a query parameter or a path parameter) and what is wrong with it.',
  401: 'No `Authorization: Bearer <token>` header, or the token is invalid or expired.',
  403: 'Not allowed on this deployment.',
  404: 'Not found, or it belongs to another user (never told apart).',
  409: 'Conflicts with the current state.',
  413: 'The body is larger than this route takes.',
  415: 'The body is not of a media type (or encoding) this route takes.',
  429: 'Over a rate limit: retry after `Retry-After` seconds.',
  500: 'An unexpected failure (logged on the server).',
  502: 'The carrier (Twilio, SansPBX) refused or failed the request this needed.',
  503: 'A dependency (Redis or Postgres) is unavailable for the moment: retry shortly.',
};

/** Codes per status, read from the one table that maps error codes to statuses. */
function codesFor(status: number): [ErrorCode, ...ErrorCode[]] {
  const codes = (Object.keys(ERROR_HTTP_STATUS) as ErrorCode[]).filter((code) => ERROR_HTTP_STATUS[code] === status);
  if (codes.length === 0) throw new Error(`no error code answers ${status}`);
  return codes as [ErrorCode, ...ErrorCode[]];
}

const errorSchemas = new Map<number, z.ZodType>();

/** `{ error: { code, message, details? } }` with the codes that answer this status (one component per status). */
function errorSchema(status: number): z.ZodType {
  let schema = errorSchemas.get(status);
  if (!schema) {
    schema = z
      .object({
        error: z.object({ code: z.enum(codesFor(status)), message: z.string(), details: z.array(ZApiErrorDetailSchema).optional() }),
      })
      .meta({ id: `Error${status}`, description: `The error body of a ${status} answer.` });
    errorSchemas.set(status, schema);
  }
  return schema;
}

/** The error answers a route can give, each with the error body and the codes it may carry. */
export function errors(...statuses: number[]): Responses {
  const responses: Responses = {};
  for (const status of statuses) {
    const codes = codesFor(status).join(', ');
    const meaning = ERROR_MEANING[status] ?? 'Error.';
    responses[status] = {
      description: `${meaning} (\`${codes}\`)`,
      content: json(errorSchema(status)),
      ...(status === 429 ? { headers: RETRY_AFTER } : {}),
    };
  }
  return responses;
}

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' as const, minimum: 1 } },
};

/** The same answers, saying that their 503 carries `Retry-After` (webhook-ingest's do: carriers retry by it). */
export function withRetryAfterOn503(responses: Responses): Responses {
  const unavailable = responses[503];
  return unavailable ? { ...responses, 503: { ...unavailable, headers: RETRY_AFTER } } : responses;
}

/** What every authenticated route may answer besides its own: no or a bad token, a server failure. */
export const AUTHENTICATED = [401, 500] as const;

/** What a route with a JSON body may answer because of the body itself (express.json with a 1 MB limit). */
export const JSON_BODY = [400, 413, 415] as const;
