import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ZAuthResponseSchema, ZLoginRequestSchema, ZSignupAcceptedSchema, ZSignupRequestSchema } from '@dialwave/contracts';
import { errors, json, JSON_BODY, ok } from './responses';

export const ZAuthResponseComponent = ZAuthResponseSchema.meta({ id: 'AuthResponse' });

export function registerAuthPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/auth/signup',
    operationId: 'signup',
    tags: ['auth'],
    summary: 'Create an account',
    description:
      'In development mode (`DIALWAVE_DEV=1`) answers 201 with a session, and 409 for a taken email. Otherwise, with `SIGNUP_MODE=open`, ' +
      'answers 202 alike for new and taken emails (the client then logs in); with signup closed (the default), 403.',
    security: [],
    request: {
      body: {
        required: true,
        content: json(ZSignupRequestSchema, { email: 'ada@example.com', password: 'correct horse battery', name: 'Ada Lovelace' }),
      },
    },
    responses: {
      ...ok(201, 'Account created, with a session (development mode).', ZAuthResponseComponent),
      ...ok(202, 'Accepted: log in with the password chosen.', ZSignupAcceptedSchema.meta({ id: 'SignupAccepted' })),
      ...errors(...JSON_BODY, 403, 409, 429, 500, 503),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/auth/login',
    operationId: 'login',
    tags: ['auth'],
    summary: 'Log in: a bearer token valid for 12 hours',
    description: 'Failed attempts are limited per address, per account from one address and per account (429 with `Retry-After`).',
    security: [],
    request: {
      body: { required: true, content: json(ZLoginRequestSchema, { email: 'ada@example.com', password: 'correct horse battery' }) },
    },
    responses: { ...ok(200, 'A session.', ZAuthResponseComponent), ...errors(...JSON_BODY, 401, 429, 500, 503) },
  });
}
