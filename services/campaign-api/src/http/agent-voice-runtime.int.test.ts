import request from 'supertest';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

describe("an agent's voice runtime URL", () => {
  let production: ApiHarness;
  let development: ApiHarness;
  let alice: TestUser;
  let dev: TestUser;
  let numbers = 0;
  beforeAll(async () => {
    [production, development] = await Promise.all([
      startApiHarness({ developmentMode: false }),
      startApiHarness({ developmentMode: true }),
    ]);
    alice = await production.signup('alice');
    dev = await development.signup('dev');
  });
  afterAll(async () => {
    await Promise.all([production.close(), development.close()]);
  });

  const createAgent = (h: ApiHarness, user: TestUser, body: Record<string, unknown>) => {
    numbers += 1;
    return request(h.app)
      .post('/api/agents')
      .set('Authorization', user.auth)
      .send({ name: 'Voice', provider: 'twilio', fromNumber: `+1415555${3000 + numbers}`, ...body });
  };

  it('is stored and returned when it is wss://, and cleared with null', async () => {
    const created = await createAgent(production, alice, { voiceRuntimeUrl: 'wss://agents.example.com/acme' });
    expect(created.status).toBe(201);
    expect(created.body.voiceRuntimeUrl).toBe('wss://agents.example.com/acme');
    const cleared = await request(production.app)
      .patch(`/api/agents/${created.body.id}`)
      .set('Authorization', alice.auth)
      .send({ voiceRuntimeUrl: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.voiceRuntimeUrl).toBeNull();
    const set = await request(production.app)
      .patch(`/api/agents/${created.body.id}`)
      .set('Authorization', alice.auth)
      .send({ voiceRuntimeUrl: 'wss://agents.example.com/v2' });
    expect(set.body.voiceRuntimeUrl).toBe('wss://agents.example.com/v2');
    // An update that does not mention it leaves it alone.
    const renamed = await request(production.app)
      .patch(`/api/agents/${created.body.id}`)
      .set('Authorization', alice.auth)
      .send({ name: 'Renamed' });
    expect(renamed.body.voiceRuntimeUrl).toBe('wss://agents.example.com/v2');
  });

  it('refuses ws:// outside development mode, naming the field, on create and on update', async () => {
    const res = await createAgent(production, alice, { voiceRuntimeUrl: 'ws://127.0.0.1:9000/agent' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ field: 'voiceRuntimeUrl', message: expect.stringMatching(/wss:\/\/.*DIALWAVE_DEV=1/) }),
    ]);
    const agent = await createAgent(production, alice, {});
    const patch = await request(production.app)
      .patch(`/api/agents/${agent.body.id}`)
      .set('Authorization', alice.auth)
      .send({ voiceRuntimeUrl: 'ws://127.0.0.1:9000/agent' });
    expect(patch.status).toBe(400);
    expect((await production.db.prisma.agent.findUniqueOrThrow({ where: { id: agent.body.id } })).voiceRuntimeUrl).toBeNull();
  });

  it('accepts ws:// in development mode (DIALWAVE_DEV=1)', async () => {
    const res = await createAgent(development, dev, { voiceRuntimeUrl: 'ws://127.0.0.1:9000/agent' });
    expect(res.status).toBe(201);
    expect(res.body.voiceRuntimeUrl).toBe('ws://127.0.0.1:9000/agent');
  });

  it.each(['https://agents.example.com', 'not a url', 'ftp://x.example.com'])('refuses %s in any mode', async (voiceRuntimeUrl) => {
    const res = await createAgent(development, dev, { voiceRuntimeUrl });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'voiceRuntimeUrl' })]);
  });
});
