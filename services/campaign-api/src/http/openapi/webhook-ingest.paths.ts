import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  AGENT_REPORT_PATH,
  ZAgentReportResponseSchema,
  ZAgentReportSchema,
  ZHealthResponseSchema,
  ZReadinessResponseSchema,
  ZSansPbxStatusCallbackSchema,
  ZTwilioIncomingCallSchema,
  ZTwilioRecordingCallbackSchema,
  ZTwilioStatusCallbackSchema,
} from '@dialwave/contracts';
import { errors as errorAnswers, json, ok, withRetryAfterOn503, type Responses } from './responses';

/*
 * webhook-ingest's routes: what carriers (Twilio, SansPBX) and agents' voice runtimes call, at PUBLIC_WEBHOOK_URL.
 * Described from the same contracts webhook-ingest parses with; campaign-api serves the document beside its own.
 */

/** webhook-ingest answers every 503 with `Retry-After` (a store or database that is away). */
const errors = (...statuses: number[]): Responses => withRetryAfterOn503(errorAnswers(...statuses));

const FORM = 'application/x-www-form-urlencoded';
const TWIML = { 'text/xml': { schema: z.string().meta({ description: 'A TwiML document (`<Response>…</Response>`).' }) } };

/** The query of a URL handed out with a call: our call id and an HMAC of it (the URL is the credential). */
const ZCallTokenQuerySchema = z.object({
  callId: z.string().meta({ description: "Dialwave's call id." }),
  token: z.string().meta({ description: 'The per-call token: base64url HMAC-SHA256 of the call id. Use the URL exactly as given.' }),
});

const ZTwilioSignatureHeaderSchema = z.object({
  'X-Twilio-Signature': z.string().meta({
    description: "Twilio's signature of PUBLIC_WEBHOOK_URL + path + query and the form fields; a request that does not verify answers 403.",
  }),
});

const ZTwilioCallQuerySchema = z.object({
  callId: z.string().optional().meta({ description: "Dialwave's call id, in the URL Dialwave gave Twilio with the call." }),
});

/** Errors of the Twilio routes: a bad signature, a body over 64 kB, a store or database that is away (with Retry-After). */
const TWILIO_ERRORS = [400, 403, 413, 415, 500, 503] as const;

function twiml(description: string): Responses {
  return { 200: { description, content: TWIML } };
}

export function registerWebhookIngestPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: AGENT_REPORT_PATH,
    operationId: 'reportCall',
    tags: ['voice runtimes'],
    summary: "A voice runtime's end-of-call report",
    description:
      'Posted to the `reportUrl` given with the call (Twilio: a `<Parameter>` of the media stream; SansPBX: the WebSocket URL). ' +
      "A re-sent report replaces the earlier one. Without `sentiment`, Dialwave computes it from the caller's turns. Checked in this " +
      'order: the token (403), the media type (415) and size (413, over 1 MB), the body (400 naming the field), the call (404). ' +
      'Retry on 5xx and network errors.',
    request: {
      query: ZCallTokenQuerySchema,
      body: {
        required: true,
        content: json(ZAgentReportSchema.meta({ id: 'AgentReport' }), {
          transcript: [
            { role: 'agent', text: 'Hello, this is Acme Solar.', atSeconds: 0 },
            { role: 'caller', text: "Oh great, I was hoping you'd call.", atSeconds: 2.5 },
          ],
          summary: 'Wants a quote for rooftop panels; survey booked for Thursday.',
          sentiment: 'positive',
          successful: true,
          data: { visitBooked: true, visitDay: 'Thursday' },
        }),
      },
    },
    responses: {
      ...ok(200, 'Stored (or replaced an earlier report).', ZAgentReportResponseSchema.meta({ id: 'AgentReportResponse' })),
      ...errors(400, 403, 404, 413, 415, 500, 503),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/sanspbx/status',
    operationId: 'sansPbxStatus',
    tags: ['carriers'],
    summary: "SansPBX's end-of-call callback",
    description: 'Stored durably before the answer; 503 with `Retry-After` while the store (Redis) is away, and SansPBX retries.',
    request: { query: ZCallTokenQuerySchema, body: { required: true, content: json(ZSansPbxStatusCallbackSchema) } },
    responses: { ...ok(200, 'Stored.', z.object({ status: z.literal('ok') })), ...errors(400, 403, 413, 415, 500, 503) },
  });
  registry.registerPath({
    method: 'post',
    path: '/twilio/status',
    operationId: 'twilioStatus',
    tags: ['carriers'],
    summary: "Twilio's call status callback",
    description: 'Stored durably before the answer (Postgres may be away); applied to the call in per-call order.',
    request: {
      headers: ZTwilioSignatureHeaderSchema,
      query: ZTwilioCallQuerySchema,
      body: { required: true, content: { [FORM]: { schema: ZTwilioStatusCallbackSchema } } },
    },
    responses: { ...twiml('An empty TwiML acknowledgement.'), ...errors(...TWILIO_ERRORS) },
  });
  registry.registerPath({
    method: 'post',
    path: '/twilio/voice',
    operationId: 'twilioVoice',
    tags: ['carriers'],
    summary: 'TwiML for an answered outbound call',
    description:
      "The agent's voice runtime (`<Connect><Stream>` with `callId`, `leadName`, `greeting` and `reportUrl` parameters) when it has " +
      'one, else its greeting (and `<Record>` when it records). Always TwiML, even for an unknown call.',
    request: {
      headers: ZTwilioSignatureHeaderSchema,
      query: ZTwilioCallQuerySchema.extend({
        step: z.string().optional().meta({ description: '`recorded`: the request after `<Record>` ends.' }),
      }),
      body: {
        required: true,
        content: { [FORM]: { schema: z.record(z.string(), z.string()).meta({ description: "Twilio's voice request parameters." }) } },
      },
    },
    responses: { ...twiml('What the call hears.'), ...errors(...TWILIO_ERRORS) },
  });
  registry.registerPath({
    method: 'post',
    path: '/twilio/incoming',
    operationId: 'twilioIncoming',
    tags: ['carriers'],
    summary: 'An inbound call to one of your Twilio numbers (its voice webhook)',
    description:
      "Finds the caller's lead (or creates one, source INBOUND), stores the call, rings the owner's consoles, and answers TwiML that " +
      'greets the caller and queues them until an agent accepts or rejects. 503 with `Retry-After` while Postgres is away (set a Voice Fallback URL).',
    request: {
      headers: ZTwilioSignatureHeaderSchema,
      body: { required: true, content: { [FORM]: { schema: ZTwilioIncomingCallSchema } } },
    },
    responses: { ...twiml('The greeting and the queue (or "not in service" for a number no agent has).'), ...errors(...TWILIO_ERRORS) },
  });
  registry.registerPath({
    method: 'post',
    path: '/twilio/recording',
    operationId: 'twilioRecording',
    tags: ['carriers'],
    summary: "Twilio's recording status callback",
    request: {
      headers: ZTwilioSignatureHeaderSchema,
      query: z.object({ callId: z.string().meta({ description: "Dialwave's call id (400 without it)." }) }),
      body: { required: true, content: { [FORM]: { schema: ZTwilioRecordingCallbackSchema } } },
    },
    responses: { ...twiml('An empty TwiML acknowledgement.'), ...errors(...TWILIO_ERRORS) },
  });
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    tags: ['operations'],
    summary: 'Liveness: the process answers',
    responses: ok(200, 'Alive.', ZHealthResponseSchema),
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'readiness',
    tags: ['operations'],
    summary: 'Readiness: Redis answers (callbacks are stored there; Postgres may be away)',
    responses: { ...ok(200, 'Ready.', ZReadinessResponseSchema), ...ok(503, 'Not ready.', ZReadinessResponseSchema) },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    tags: ['operations'],
    summary: 'Prometheus metrics (keep off the internet)',
    responses: { 200: { description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: z.string() } } } },
  });
}
