import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startCarrierSim, type RunningCarrierSim } from '@dialwave/carrier-sim';
import { RedisEventPublisher } from '@dialwave/infra';
import { createLogger } from '@dialwave/platform';
import { createRedis } from '@dialwave/platform/redis';
import type { Redis } from 'ioredis';
import { buildProviderRegistry } from '@dialwave/providers';
import { randomPrefix, testRedisUrl, waitFor } from '@dialwave/testkit';
import { createWebhookIngest, type WebhookIngest } from '@dialwave/webhook-ingest';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';
import { OpenApiResponseChecker, withResponseChecks } from '../testing/openapi-responses';
import { openApiWebhookIngestDocument } from './docs.routes';

const ACCOUNT_SID = 'ACdeadbeefdeadbeefdeadbeefdeadbeef';
const AUTH_TOKEN = 'campaign-api-inbound-test-token';

let h: ApiHarness;
let sim: RunningCarrierSim;
let ingest: Server;
let ingestUrl: string;
let callbackApplier: WebhookIngest['consumer'];
let consumerRedis: Redis;
/** The simulator's real webhooks and webhook-ingest's answers, checked against webhook-ingest's OpenAPI document. */
const ingestContract = new OpenApiResponseChecker(openApiWebhookIngestDocument());

/**
 * The whole inbound path, in process: the carrier simulator rings our webhook-ingest (real HTTP, signed
 * webhooks), the API accepts or rejects through the real Twilio provider pointed at the simulator, and the
 * simulator's status and recording callbacks come back through webhook-ingest into the same database.
 */
beforeAll(async () => {
  ingest = createServer();
  await new Promise<void>((resolve) => ingest.listen(0, '127.0.0.1', resolve));
  ingestUrl = `http://127.0.0.1:${(ingest.address() as AddressInfo).port}`;
  sim = await startCarrierSim({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    timeScale: 0.05,
    inboundWebhookBaseUrl: ingestUrl,
    inboundMaxWaitSeconds: 3000,
  });
  const providers = buildProviderRegistry({
    twilioAccountSid: ACCOUNT_SID,
    twilioAuthToken: AUTH_TOKEN,
    twilioApiBaseUrl: sim.url,
    simulatorUrl: sim.url,
  });
  h = await startApiHarness({ publicWebhookUrl: ingestUrl }, undefined, providers);
  consumerRedis = createRedis(testRedisUrl(), 'worker');
  const webhookIngest = createWebhookIngest({
    prisma: h.db.prisma,
    redis: h.redis,
    consumerRedis,
    events: new RedisEventPublisher(h.redis),
    logger: createLogger('webhook-ingest-test', 'silent'),
    config: {
      publicWebhookUrl: ingestUrl,
      twilioAuthToken: AUTH_TOKEN,
      sansPbxCallbackSecret: 'campaign-api-test-sanspbx-secret',
      agentReportSecret: 'campaign-api-test-agent-report-secret-0123',
      keyPrefix: randomPrefix('ingest'),
      callbacks: { consumer: 'inbound-test', batchSize: 100, maxDeliveries: 5, leaseMs: 5000 },
    },
  });
  callbackApplier = webhookIngest.consumer;
  await callbackApplier.start();
  ingest.on('request', withResponseChecks(webhookIngest.app, ingestContract));
});

afterAll(async () => {
  await sim.close();
  await callbackApplier.stop();
  await consumerRedis.quit();
  ingest.closeAllConnections();
  await new Promise<void>((resolve) => ingest.close(() => resolve()));
  await h.close();
  expect(ingestContract.violations).toEqual([]);
  expect(ingestContract.checked.size).toBeGreaterThan(0);
});

let numbers = 0;
async function createAgent(user: TestUser, body: Record<string, unknown> = {}): Promise<{ id: string; name: string; fromNumber: string }> {
  numbers += 1;
  const res = await request(h.app)
    .post('/api/agents')
    .set('Authorization', user.auth)
    .send({ name: 'Front desk', provider: 'simulator', fromNumber: `+1628555${1000 + numbers}`, ...body });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; fromNumber: string };
}

/** A caller dials `to`; resolves once webhook-ingest stored the call and the simulator answered it into the queue. */
async function ringIn(from: string, to: string) {
  const res = await fetch(`${sim.url}/sim/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to }),
  });
  expect(res.status).toBe(201);
  const { callSid } = (await res.json()) as { callSid: string };
  const call = await waitFor(() => h.db.prisma.call.findUnique({ where: { providerCallSid: callSid } }), { what: 'the inbound call row' });
  await waitFor(async () => (await simCall(callSid)).queue === 'waiting', { what: 'the caller waiting in the queue' });
  return { callSid, callId: call.id };
}

async function simCall(sid: string): Promise<{ queue: string | null; twiml?: string }> {
  return (await (await fetch(`${sim.url}/sim/calls/${sid}`)).json()) as { queue: string | null; twiml?: string };
}

const callRow = (id: string) => h.db.prisma.call.findUniqueOrThrow({ where: { id } });
const logEvents = async (callId: string) =>
  (await h.db.prisma.callLog.findMany({ where: { callId }, orderBy: { timestamp: 'asc' } })).map((l) => l.event);

describe('POST /api/calls/:id/accept', () => {
  it('assigns the agent, logs the acceptance, marks the call ANSWERED, connects the caller and stores the recording the agent asked for', async () => {
    const alice = await h.signup('alice');
    const agent = await createAgent(alice, { name: 'Recorder', recordCalls: true });
    // Second-to-last digit 9: the caller talks 2 + 9 nominal seconds after being connected, long enough to record.
    const { callSid, callId } = await ringIn('+14155550191', agent.fromNumber);

    const res = await request(h.app).post(`/api/calls/${callId}/accept`).set('Authorization', alice.auth).send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: callId, direction: 'INBOUND', status: 'ANSWERED', agentId: agent.id });

    const accepted = await h.db.prisma.callLog.findFirstOrThrow({ where: { callId, event: 'inbound:accepted' } });
    expect(accepted).toMatchObject({ details: 'accepted by Recorder', data: { agentId: agent.id, agentName: 'Recorder' } });
    expect(await logEvents(callId)).toEqual(expect.arrayContaining(['inbound:received', 'inbound:accepted', 'recording:started']));
    expect((await simCall(callSid)).queue).toBe('accepted');

    // The caller hangs up; the simulator reports the end and then the recording.
    const ended = await waitFor(
      async () => {
        const call = await callRow(callId);
        return call.status === 'COMPLETED' && call.recordingUrl ? call : undefined;
      },
      { what: 'the call to complete with its recording' },
    );
    expect(ended.durationSeconds).toBeGreaterThan(0);
    expect(ended.recordingUrl).toMatch(new RegExp(`^${sim.url}/recordings/RE[0-9a-f]{32}$`));
    expect(await logEvents(callId)).toEqual(expect.arrayContaining(['recording:completed', 'twilio:completed']));
  });

  it('hands the caller to another agent of the user when one is named, without recording for an agent that does not record', async () => {
    const bob = await h.signup('bob');
    const line = await createAgent(bob, { name: 'Line' });
    const closer = await createAgent(bob, { name: 'Closer', recordCalls: false });
    const { callId } = await ringIn('+14155550122', line.fromNumber);
    const res = await request(h.app).post(`/api/calls/${callId}/accept`).set('Authorization', bob.auth).send({ agentId: closer.id });
    expect(res.status).toBe(200);
    expect((await callRow(callId)).agentId).toBe(closer.id);
    expect(await logEvents(callId)).not.toContain('recording:started');
  });

  it("answers 404 for another user's call and for another user's agent, and changes nothing", async () => {
    const carol = await h.signup('carol');
    const dave = await h.signup('dave');
    const carolsAgent = await createAgent(carol);
    const davesAgent = await createAgent(dave);
    const { callId } = await ringIn('+14155550123', carolsAgent.fromNumber);

    const asDave = await request(h.app).post(`/api/calls/${callId}/accept`).set('Authorization', dave.auth).send({});
    expect(asDave.status).toBe(404);
    const withDavesAgent = await request(h.app)
      .post(`/api/calls/${callId}/accept`)
      .set('Authorization', carol.auth)
      .send({ agentId: davesAgent.id });
    expect(withDavesAgent.status).toBe(404);
    expect(withDavesAgent.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await logEvents(callId)).not.toContain('inbound:accepted');
    expect((await callRow(callId)).agentId).toBe(carolsAgent.id);
  });

  it('answers 409 to a second accept of the same call', async () => {
    const erin = await h.signup('erin');
    const agent = await createAgent(erin);
    const { callId } = await ringIn('+14155550124', agent.fromNumber);
    const [first, second] = await Promise.all([
      request(h.app).post(`/api/calls/${callId}/accept`).set('Authorization', erin.auth).send({}),
      request(h.app).post(`/api/calls/${callId}/accept`).set('Authorization', erin.auth).send({}),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect(await h.db.prisma.callLog.count({ where: { callId, event: 'inbound:accepted' } })).toBe(1);
  });

  it('answers 409 for a call that has ended and for an outbound call', async () => {
    const frank = await h.signup('frank');
    const agent = await createAgent(frank);
    const { callId } = await ringIn('+14155550125', agent.fromNumber);
    await request(h.app).post(`/api/calls/${callId}/reject`).set('Authorization', frank.auth).send({}).expect(200);
    await waitFor(async () => (await callRow(callId)).status === 'COMPLETED', { what: 'the rejected call to end' });
    const ended = await request(h.app).post(`/api/calls/${callId}/accept`).set('Authorization', frank.auth).send({});
    expect(ended.status).toBe(409);
    expect(ended.body).toMatchObject({ error: { code: 'INVALID_TRANSITION' } });

    const outbound = await h.db.prisma.call.create({
      data: {
        userId: frank.userId,
        direction: 'OUTBOUND',
        status: 'RINGING',
        provider: 'SIMULATOR',
        providerCallSid: 'CAoutbound0000000000000000000001',
        fromNumber: agent.fromNumber,
        toNumber: '+14155550199',
        agentId: agent.id,
      },
    });
    expect((await request(h.app).post(`/api/calls/${outbound.id}/accept`).set('Authorization', frank.auth).send({})).status).toBe(409);
  });

  it("answers 502 with the carrier's message when it refuses, and leaves the call acceptable again", async () => {
    const gina = await h.signup('gina');
    const agent = await createAgent(gina);
    const ghost = await h.db.prisma.call.create({
      data: {
        userId: gina.userId,
        direction: 'INBOUND',
        status: 'RINGING',
        provider: 'SIMULATOR',
        providerCallSid: 'CA0000000000000000000000000000dead',
        fromNumber: '+14155550126',
        toNumber: agent.fromNumber,
        agentId: agent.id,
      },
    });
    const res = await request(h.app).post(`/api/calls/${ghost.id}/accept`).set('Authorization', gina.auth).send({});
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('PROVIDER_ERROR');
    expect(res.body.error.message).toMatch(/carrier refused to connect/);
    expect(await callRow(ghost.id)).toMatchObject({ status: 'RINGING' });
    expect(await logEvents(ghost.id)).toEqual(['inbound:accept-failed']);
    // The claim was given back: a retry reaches the carrier again instead of being refused as a second accept.
    const retry = await request(h.app).post(`/api/calls/${ghost.id}/accept`).set('Authorization', gina.auth).send({});
    expect(retry.status).toBe(502);
    expect(await logEvents(ghost.id)).toEqual(['inbound:accept-failed', 'inbound:accept-failed']);
  });

  it('answers 400 for an agentId that is not a uuid', async () => {
    const hal = await h.signup('hal');
    const res = await request(h.app).post('/api/calls/whatever/accept').set('Authorization', hal.auth).send({ agentId: 'nope' });
    expect(res.status).toBe(400);
  });
});

describe('POST /api/calls/:id/reject', () => {
  it('logs the rejection with its reason, hangs up, and the end arrives through the status callback', async () => {
    const ivy = await h.signup('ivy');
    const agent = await createAgent(ivy);
    const { callSid, callId } = await ringIn('+14155550127', agent.fromNumber);
    const res = await request(h.app)
      .post(`/api/calls/${callId}/reject`)
      .set('Authorization', ivy.auth)
      .send({ reason: 'outside office hours' });
    expect(res.status).toBe(200);
    const rejected = await h.db.prisma.callLog.findFirstOrThrow({ where: { callId, event: 'inbound:rejected' } });
    expect(rejected).toMatchObject({ details: 'rejected: outside office hours', data: { reason: 'outside office hours' } });
    const ended = await waitFor(
      async () => {
        const call = await callRow(callId);
        return call.status === 'COMPLETED' ? call : undefined;
      },
      { what: 'the rejected call to end' },
    );
    expect(ended.failureReason).toBe('rejected: outside office hours');
    expect((await simCall(callSid)).queue).toBe('rejected');
    expect(await logEvents(callId)).toContain('twilio:completed');

    const again = await request(h.app).post(`/api/calls/${callId}/reject`).set('Authorization', ivy.auth).send({});
    expect(again.status).toBe(409);
  });

  it("answers 404 for another user's call", async () => {
    const jay = await h.signup('jay');
    const kim = await h.signup('kim');
    const agent = await createAgent(jay);
    const { callSid, callId } = await ringIn('+14155550128', agent.fromNumber);
    expect((await request(h.app).post(`/api/calls/${callId}/reject`).set('Authorization', kim.auth).send({})).status).toBe(404);
    expect(await logEvents(callId)).not.toContain('inbound:rejected');
    expect((await simCall(callSid)).queue).toBe('waiting');
  });
});

describe('GET /api/leads/by-phone/:phone', () => {
  it('returns the lead with its call history and the agent who last had a real conversation with it', async () => {
    const lou = await h.signup('lou');
    const line = await createAgent(lou, { name: 'Line' });
    const closer = await createAgent(lou, { name: 'Closer' });
    const lead = await request(h.app).post('/api/leads').set('Authorization', lou.auth).send({ firstName: 'Grace', phone: '+14155550129' });
    const leadId = (lead.body as { id: string }).id;
    const talked = await h.db.prisma.call.create({
      data: {
        userId: lou.userId,
        direction: 'OUTBOUND',
        status: 'COMPLETED',
        durationSeconds: 61,
        disposition: 'INTERESTED',
        provider: 'SIMULATOR',
        fromNumber: closer.fromNumber,
        toNumber: '+14155550129',
        leadId,
        agentId: closer.id,
        createdAt: new Date(Date.now() - 60_000),
      },
    });
    await h.db.prisma.call.create({
      data: {
        userId: lou.userId,
        direction: 'OUTBOUND',
        status: 'BUSY',
        durationSeconds: 0,
        provider: 'SIMULATOR',
        fromNumber: line.fromNumber,
        toNumber: '+14155550129',
        leadId,
        agentId: line.id,
      },
    });
    const res = await request(h.app)
      .get(`/api/leads/by-phone/${encodeURIComponent('(415) 555-0129')}`)
      .set('Authorization', lou.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: leadId, suggestedAgent: { id: closer.id, name: 'Closer' } });
    expect(res.body.history).toHaveLength(2);
    expect(res.body.history[0]).toMatchObject({ status: 'BUSY', direction: 'OUTBOUND' });
    expect(res.body.history[1]).toMatchObject({ callId: talked.id, status: 'COMPLETED', durationSeconds: 61, disposition: 'INTERESTED' });
  });

  it('suggests the agent of the latest call when the lead never really talked to anyone, and none without calls', async () => {
    const max = await h.signup('max');
    const line = await createAgent(max, { name: 'Line' });
    const lead = await request(h.app).post('/api/leads').set('Authorization', max.auth).send({ firstName: 'Alan', phone: '+14155550130' });
    const leadId = (lead.body as { id: string }).id;
    const none = await request(h.app).get('/api/leads/by-phone/%2B14155550130').set('Authorization', max.auth);
    expect(none.body).toMatchObject({ history: [], suggestedAgent: null });
    await h.db.prisma.call.create({
      data: {
        userId: max.userId,
        direction: 'OUTBOUND',
        status: 'MISSED',
        durationSeconds: 0,
        provider: 'SIMULATOR',
        fromNumber: line.fromNumber,
        toNumber: '+14155550130',
        leadId,
        agentId: line.id,
      },
    });
    const some = await request(h.app).get('/api/leads/by-phone/%2B14155550130').set('Authorization', max.auth);
    expect(some.body.suggestedAgent).toEqual({
      id: line.id,
      name: 'Line',
      reason: { rule: 'last-call', at: expect.any(String), sentiment: null },
    });
  });
});
