import { createHmac } from 'node:crypto';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { RedisEventPublisher } from '@dialwave/infra';
import { createLogger, signCallToken } from '@dialwave/platform';
import { createRedis } from '@dialwave/platform/redis';
import { randomPrefix, testRedisUrl } from '@dialwave/testkit';
import { createWebhookIngest } from '@dialwave/webhook-ingest';
import { openApiWebhookIngestDocument } from './docs.routes';
import { registeredRoutes } from '../testing/express-routes';
import { OpenApiResponseChecker, withResponseChecks } from '../testing/openapi-responses';
import { startApiHarness, type ApiHarness } from '../testing/api-harness';

const PUBLIC_URL = 'https://hooks.dialwave.test';
const AUTH_TOKEN = 'webhook-ingest-openapi-test-token-0123456789';
const REPORT_SECRET = 'webhook-ingest-openapi-report-secret-012345';
const SANSPBX_SECRET = 'webhook-ingest-openapi-sanspbx-secret-01234';

/** Twilio's signature: base64 HMAC-SHA1 of the URL followed by each form field's name and value, sorted by name. */
function twilioSignature(url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', AUTH_TOKEN).update(data).digest('base64');
}

describe("webhook-ingest's OpenAPI document", () => {
  let h: ApiHarness;
  let consumerRedis: Redis;
  let ingestApp: Express;
  let checked: Express;
  const contract = new OpenApiResponseChecker(openApiWebhookIngestDocument());
  beforeAll(async () => {
    h = await startApiHarness();
    consumerRedis = createRedis(testRedisUrl(), 'worker');
    ingestApp = createWebhookIngest({
      prisma: h.db.prisma,
      redis: h.redis,
      consumerRedis,
      events: new RedisEventPublisher(h.redis),
      logger: createLogger('webhook-ingest-test', 'silent'),
      config: {
        publicWebhookUrl: PUBLIC_URL,
        twilioAuthToken: AUTH_TOKEN,
        sansPbxCallbackSecret: SANSPBX_SECRET,
        agentReportSecret: REPORT_SECRET,
        keyPrefix: randomPrefix('ingest-openapi'),
        callbacks: { consumer: 'openapi-test', batchSize: 100, maxDeliveries: 5, leaseMs: 5000 },
      },
    }).app;
    checked = withResponseChecks(ingestApp, contract);
  });
  afterAll(async () => {
    await consumerRedis.quit();
    await h.close();
  });

  it('describes every route webhook-ingest registers, and no route it does not have', () => {
    const registered = registeredRoutes(ingestApp).map((route) => `${route.method} ${route.path}`);
    const documented = Object.entries(openApiWebhookIngestDocument().paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(registered).toContain('POST /agent/report');
    expect({
      missingFromDocument: registered.filter((route) => !documented.includes(route)).sort(),
      notRegisteredInExpress: documented.filter((route) => !registered.includes(route)).sort(),
    }).toEqual({ missingFromDocument: [], notRegisteredInExpress: [] });
  });

  it("matches webhook-ingest's real answers", async () => {
    const user = await h.signup('hooks');
    const agent = await h.db.prisma.agent.create({
      data: { userId: user.userId, name: 'Hooks', provider: 'TWILIO', fromNumber: '+16285557301' },
    });
    const call = await h.db.prisma.call.create({
      data: {
        userId: user.userId,
        direction: 'OUTBOUND',
        status: 'ANSWERED',
        provider: 'TWILIO',
        fromNumber: agent.fromNumber,
        toNumber: '+14155557301',
        agentId: agent.id,
      },
    });
    const reportUrl = (callId: string) => `/agent/report?callId=${callId}&token=${signCallToken(REPORT_SECRET, callId)}`;
    const report = { transcript: [{ role: 'caller', text: 'Thursday works for me.', atSeconds: 2 }], summary: 'Booked', successful: true };

    await request(checked).post(reportUrl(call.id)).send(report).expect(200);
    await request(checked).post(`/agent/report?callId=${call.id}`).send(report).expect(403);
    await request(checked).post(reportUrl(call.id)).set('Content-Type', 'text/plain').send('hello').expect(415);
    await request(checked)
      .post(reportUrl(call.id))
      .send({ transcript: [{ role: 'robot', text: 'x' }] })
      .expect(400);
    await request(checked).post(reportUrl('00000000-0000-4000-8000-000000000000')).send(report).expect(404);

    const sansPbx = `/sanspbx/status?callId=${call.id}&token=${signCallToken(SANSPBX_SECRET, call.id)}`;
    await request(checked).post(sansPbx).send({ callid: 'pbx-1', disposition: 'ANSWER', billsec: 12 }).expect(200);
    await request(checked).post(`/sanspbx/status?callId=${call.id}&token=wrong`).send({ disposition: 'ANSWER' }).expect(403);

    const twilio = (path: string, params: Record<string, string>) =>
      request(checked)
        .post(path)
        .set('X-Twilio-Signature', twilioSignature(PUBLIC_URL + path, params))
        .type('form')
        .send(params);
    const sid = 'CA0123456789abcdef0123456789abcdef';
    await twilio(`/twilio/status?callId=${call.id}`, {
      CallSid: sid,
      CallStatus: 'completed',
      CallDuration: '12',
      SequenceNumber: '3',
    }).expect(200);
    await twilio(`/twilio/status?callId=${call.id}`, { CallStatus: 'completed' }).expect(400);
    await request(checked).post('/twilio/status').type('form').send({ CallSid: sid, CallStatus: 'completed' }).expect(403);
    await twilio(`/twilio/voice?callId=${call.id}`, { CallSid: sid, CallStatus: 'in-progress' }).expect(200);
    await twilio('/twilio/incoming', { CallSid: 'CAfeedfeedfeedfeedfeedfeedfeedfeed', From: '+14155557302', To: '+16285557399' }).expect(
      200,
    );
    await twilio(`/twilio/recording?callId=${call.id}`, {
      RecordingSid: 'RE0123',
      RecordingStatus: 'completed',
      RecordingUrl: 'https://example.com/r',
    }).expect(200);

    await request(checked).get('/healthz').expect(200);
    await request(checked).get('/readyz').expect(200);
    await request(checked).get('/metrics').expect(200);

    const answered = [...contract.checked];
    const unanswered = Object.entries(openApiWebhookIngestDocument().paths ?? {})
      .flatMap(([path, item]) => Object.keys(item as object).map((method) => `${method.toUpperCase()} ${path}`))
      .filter((operation) => !answered.some((seen) => seen.startsWith(`${operation} `)));
    expect({ unanswered, violations: contract.violations }).toEqual({ unanswered: [], violations: [] });
  });
});
