import request from 'supertest';
import { ADMIN_BOARD_PATH } from './admin-board';
import { openApiDocument } from './docs.routes';
import { registeredRoutes } from '../testing/express-routes';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

/** `METHOD /template` of every operation in the document. */
function documentedOperations(): string[] {
  return Object.entries(openApiDocument().paths ?? {}).flatMap(([path, item]) =>
    Object.keys(item as object)
      .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe('the OpenAPI document', () => {
  let h: ApiHarness;
  let user: TestUser;
  beforeAll(async () => {
    // With Bull Board mounted, to show that its own UI routes are the one part left out of the document.
    h = await startApiHarness({ admin: { user: 'ops', password: 'board-password' } });
    user = await h.signup('tour');
  });
  afterAll(async () => {
    await h.close();
  });

  it('describes every route express registers, and no route express does not have', () => {
    const registered = registeredRoutes(h.rawApp, [ADMIN_BOARD_PATH]).map((route) => `${route.method} ${route.path}`);
    const documented = documentedOperations();
    expect(registered).toContain('GET /api/agents/{id}');
    expect({
      missingFromDocument: registered.filter((route) => !documented.includes(route)).sort(),
      notRegisteredInExpress: documented.filter((route) => !registered.includes(route)).sort(),
    }).toEqual({ missingFromDocument: [], notRegisteredInExpress: [] });
  });

  it('asks for the bearer token on exactly the routes express puts behind requireAuth', () => {
    const routes = registeredRoutes(h.rawApp, [ADMIN_BOARD_PATH], 'requireBearerToken');
    expect(routes.filter((route) => route.guarded).length).toBeGreaterThan(20);
    const paths = (openApiDocument().paths ?? {}) as Record<string, Record<string, { security?: unknown[] }>>;
    const mismatched = routes
      .filter((route) => (paths[route.path]?.[route.method.toLowerCase()]?.security === undefined) !== route.guarded)
      .map((route) => `${route.method} ${route.path} (${route.guarded ? 'behind requireAuth' : 'public'} in express)`);
    expect(mismatched).toEqual([]);
  });

  it('is served at /api/openapi.json and shown at /api/docs without a token, the UI from the package rather than a CDN', async () => {
    const doc = await request(h.app).get('/api/openapi.json').expect(200);
    expect(doc.body).toMatchObject({
      openapi: '3.1.0',
      info: { title: 'Dialwave campaign API', version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    });
    const page = await request(h.app).get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(source).toMatch(/^\/api\/docs\/assets\//);
      const asset = await request(h.app).get(source);
      expect({ source, status: asset.status }).toEqual({ source, status: 200 });
    }
    expect(page.text).toContain('"/api/openapi.json"');
    expect((await request(h.app).get('/api/docs/assets/no-such-file.js')).status).toBe(404);
  });

  it('matches a real answer of every documented operation', async () => {
    const api = {
      get: (path: string) => request(h.app).get(path).set('Authorization', user.auth),
      post: (path: string) => request(h.app).post(path).set('Authorization', user.auth),
      patch: (path: string) => request(h.app).patch(path).set('Authorization', user.auth),
      delete: (path: string) => request(h.app).delete(path).set('Authorization', user.auth),
    };
    await request(h.app).post('/api/auth/login').send({ email: 'tour-1@example.com', password: 'correct horse battery' }).expect(200);

    const agent = (
      await api.post('/api/agents').send({ name: 'Tour', provider: 'simulator', fromNumber: '+16285557001', greeting: 'Hello' }).expect(201)
    ).body;
    const spare = (await api.post('/api/agents').send({ name: 'Spare', provider: 'simulator', fromNumber: '+16285557002' }).expect(201))
      .body;
    await api.get('/api/agents').expect(200);
    await api.get(`/api/agents/${agent.id}`).expect(200);
    await api.patch(`/api/agents/${agent.id}`).send({ recordCalls: true }).expect(200);
    await api.delete(`/api/agents/${spare.id}`).expect(204);

    const lead = (
      await api.post('/api/leads').send({ firstName: 'Ada', lastName: 'Lovelace', phone: '+14155557101', company: 'Engines' }).expect(201)
    ).body;
    await api.post('/api/leads').send({ firstName: 'Ada', phone: '+14155557101' }).expect(409);
    const imported = await api
      .post('/api/leads/import')
      .set('Content-Type', 'text/csv')
      .send('firstName,lastName,phone,email,company,timezone\nGrace,Hopper,+14155557102,,Navy,\nNo,Number,12,,,\n')
      .expect(200);
    expect(imported.body).toMatchObject({ created: 1, invalidCount: 1 });
    await api.get('/api/leads?search=Ada&limit=10').expect(200);
    await api.get(`/api/leads/by-phone/${encodeURIComponent('+14155557101')}`).expect(200);
    await api.get(`/api/leads/${lead.id}`).expect(200);

    const started = (
      await api
        .post('/api/campaigns')
        .send({ agentId: agent.id, leadIds: [lead.id], campaignName: 'Tour', maxConcurrentCalls: 1 })
        .expect(201)
    ).body;
    const campaignId: string = started.campaignId;
    await api.get('/api/campaigns').expect(200);
    await api.get(`/api/campaigns/${campaignId}`).expect(200);
    await api.patch(`/api/campaigns/${campaignId}/pause`).expect(200);
    await api.patch(`/api/campaigns/${campaignId}/resume`).expect(200);
    await api.patch(`/api/campaigns/${campaignId}/cancel`).expect(200);
    await api.patch(`/api/campaigns/${campaignId}/resume`).expect(409);

    const call = await h.db.prisma.call.create({
      data: {
        userId: user.userId,
        direction: 'OUTBOUND',
        status: 'COMPLETED',
        durationSeconds: 12,
        provider: 'SIMULATOR',
        fromNumber: agent.fromNumber,
        toNumber: lead.phone,
        leadId: lead.id,
        agentId: agent.id,
        campaignId,
      },
    });
    await h.db.prisma.callLog.create({
      data: { callId: call.id, campaignId, event: 'status:COMPLETED', details: 'completed', data: { CallStatus: 'completed' } },
    });
    const csv = await api.get(`/api/campaigns/${campaignId}/calls.csv`).expect(200);
    expect(csv.text.split('\n').length).toBeGreaterThan(1);
    await api.get(`/api/campaigns/${campaignId}/calls?status=COMPLETED`).expect(200);
    await api.get(`/api/call-logs/${campaignId}`).expect(200);

    await api.get('/api/calls?q=survey').expect(200);
    await api.get(`/api/calls/${call.id}`).expect(200);
    await api.post(`/api/calls/${call.id}/disposition`).send({ disposition: 'INTERESTED', notes: 'call back in spring' }).expect(200);
    // Accept and reject take waiting inbound calls only (their successes are in inbound-calls.int.test.ts).
    await api.post(`/api/calls/${call.id}/accept`).send({}).expect(409);
    await api.post(`/api/calls/${call.id}/reject`).send({ reason: 'busy' }).expect(409);

    await api.post('/api/dnc').send({ phone: '+14155557199' }).expect(201);
    await api.get('/api/dnc').expect(200);
    await api.post('/api/dnc/import').set('Content-Type', 'text/csv').send('phone\n+14155557198\n').expect(200);
    await api.delete(`/api/dnc/${encodeURIComponent('+14155557199')}`).expect(204);

    await request(h.app).get('/healthz').expect(200);
    await request(h.app).get('/readyz').expect(200);
    await request(h.app).get('/metrics').expect(200);
    await request(h.app).get('/api/openapi.json').expect(200);
    await request(h.app).get('/api/openapi/webhook-ingest.json').expect(200);
    await request(h.app).get('/api/docs').expect(200);
    await request(h.app).get('/api/agents').expect(401);

    const answered = [...h.contract.checked];
    const unanswered = documentedOperations().filter((operation) => !answered.some((seen) => seen.startsWith(`${operation} `)));
    expect({ unanswered, violations: h.contract.violations }).toEqual({ unanswered: [], violations: [] });
  });
});
