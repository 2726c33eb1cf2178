import request from 'supertest';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

const VERIFIED_CALLER_ID = '+919876543210';
/** A number the simulated account does not have. */
const NOT_OWNED = '+16285550100';

describe('agents', () => {
  let h: ApiHarness;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    // The simulated Twilio account owns +1 500 555 0006 and +1 415 555 xxxx, and has one verified caller id.
    h = await startApiHarness({}, undefined, undefined, { verifiedCallerIds: [VERIFIED_CALLER_ID] });
    alice = await h.signup('alice');
    bob = await h.signup('bob');
  });
  afterAll(async () => {
    await h.close();
  });

  let numbers = 0;
  /** A number of the account's +1 415 555 range, new per agent: an agent's number is unique across the deployment. */
  const ownedNumber = () => `+1415555${3000 + (numbers += 1)}`;
  const createAgent = (user: TestUser, body: Record<string, unknown> = {}) =>
    request(h.app)
      .post('/api/agents')
      .set('Authorization', user.auth)
      .send({ name: 'Sales', provider: 'twilio', fromNumber: ownedNumber(), ...body });
  const patchAgent = (user: TestUser, id: string, body: Record<string, unknown>) =>
    request(h.app).patch(`/api/agents/${id}`).set('Authorization', user.auth).send(body);

  it('creates an agent with its number in E.164 and its provider stored upper case', async () => {
    const res = await createAgent(alice, { fromNumber: '(415) 555-2671', greeting: 'Hi there', recordCalls: true, callerId: '4155552671' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Sales',
      provider: 'TWILIO',
      fromNumber: '+14155552671',
      callerId: '4155552671',
      greeting: 'Hi there',
      recordCalls: true,
      voiceRuntimeUrl: null,
      createdAt: expect.any(String),
    });
    const stored = await h.db.prisma.agent.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(stored.userId).toBe(alice.userId);
    expect(stored.provider).toBe('TWILIO');
  });

  it('rejects an unknown provider and an invalid fromNumber with 400s naming the field', async () => {
    const badProvider = await createAgent(alice, { provider: 'skype' });
    expect(badProvider.status).toBe(400);
    expect(badProvider.body.error.details).toEqual([expect.objectContaining({ field: 'provider' })]);
    const badNumber = await createAgent(alice, { fromNumber: '+1 000' });
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.error.details).toEqual([expect.objectContaining({ field: 'fromNumber' })]);
  });

  it('lists, reads, updates and deletes only the caller’s own agents; another user’s id is 404', async () => {
    const mine = (await createAgent(alice, { name: 'Mine', provider: 'simulator' })).body as { id: string };
    const theirs = (await createAgent(bob, { name: 'Theirs' })).body as { id: string };

    const list = await request(h.app).get('/api/agents').set('Authorization', alice.auth);
    expect(list.status).toBe(200);
    const names = (list.body.items as { name: string }[]).map((a) => a.name);
    expect(names).toContain('Mine');
    expect(names).not.toContain('Theirs');

    expect((await request(h.app).get(`/api/agents/${mine.id}`).set('Authorization', alice.auth)).body.provider).toBe('SIMULATOR');
    expect((await request(h.app).get(`/api/agents/${theirs.id}`).set('Authorization', alice.auth)).status).toBe(404);
    expect((await request(h.app).patch(`/api/agents/${theirs.id}`).set('Authorization', alice.auth).send({ name: 'Stolen' })).status).toBe(
      404,
    );
    expect((await request(h.app).delete(`/api/agents/${theirs.id}`).set('Authorization', alice.auth)).status).toBe(404);
    expect((await h.db.prisma.agent.findUniqueOrThrow({ where: { id: theirs.id } })).name).toBe('Theirs');

    const patched = await request(h.app)
      .patch(`/api/agents/${mine.id}`)
      .set('Authorization', alice.auth)
      .send({ name: 'Renamed', provider: 'sanspbx', fromNumber: '+44 20 7946 0958' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Renamed', provider: 'SANSPBX', fromNumber: '+442079460958' });

    expect((await request(h.app).patch(`/api/agents/${mine.id}`).set('Authorization', alice.auth).send({})).status).toBe(400);

    expect((await request(h.app).delete(`/api/agents/${mine.id}`).set('Authorization', alice.auth)).status).toBe(204);
    expect((await request(h.app).get(`/api/agents/${mine.id}`).set('Authorization', alice.auth)).status).toBe(404);
  });

  it('refuses with 409 to delete an agent a campaign uses, and keeps the agent', async () => {
    const agent = (await createAgent(alice, { name: 'Busy' })).body as { id: string };
    await h.db.prisma.campaign.create({ data: { userId: alice.userId, agentId: agent.id, name: 'Uses Busy' } });
    const res = await request(h.app).delete(`/api/agents/${agent.id}`).set('Authorization', alice.auth);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(await h.db.prisma.agent.count({ where: { id: agent.id } })).toBe(1);
  });

  it('refuses the simulator provider outside development mode with a 400 naming the provider field', async () => {
    const production = await startApiHarness({ developmentMode: false });
    try {
      const carol = await production.signup('carol');
      const post = (body: Record<string, unknown>) =>
        request(production.app)
          .post('/api/agents')
          .set('Authorization', carol.auth)
          .send({ name: 'Sim', fromNumber: '+14155552671', ...body });
      const refused = await post({ provider: 'simulator' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toEqual([{ field: 'provider', message: expect.stringContaining('development mode') }]);
      expect(await production.db.prisma.agent.count()).toBe(0);

      const sansPbx = await post({ provider: 'sanspbx' });
      expect(sansPbx.status).toBe(201);
      const patched = await request(production.app)
        .patch(`/api/agents/${sansPbx.body.id}`)
        .set('Authorization', carol.auth)
        .send({ provider: 'simulator' });
      expect(patched.status).toBe(400);
      expect(patched.body.error.details).toEqual([expect.objectContaining({ field: 'provider' })]);
      expect((await production.db.prisma.agent.findUniqueOrThrow({ where: { id: sansPbx.body.id } })).provider).toBe('SANSPBX');
    } finally {
      await production.close();
    }
  });

  it('accepts the simulator provider in development mode', async () => {
    const res = await createAgent(alice, { provider: 'simulator', fromNumber: '+14155550199' });
    expect(res.status).toBe(201);
    expect(res.body.provider).toBe('SIMULATOR');
  });

  describe('number ownership', () => {
    it('refuses a fromNumber another agent holds, of another tenant or the same, with 409 naming fromNumber, on create and on PATCH', async () => {
      const taken = ownedNumber();
      const alices = await createAgent(alice, { name: 'First holder', fromNumber: taken });
      expect(alices.status).toBe(201);

      const bobsCopy = await createAgent(bob, { name: 'Same number', provider: 'sanspbx', fromNumber: taken });
      expect(bobsCopy.status).toBe(409);
      expect(bobsCopy.body.error).toMatchObject({
        code: 'CONFLICT',
        details: [{ field: 'fromNumber', message: 'already used by another agent' }],
      });
      expect((await createAgent(bob, { name: 'Twilio copy', fromNumber: taken })).status).toBe(409);
      expect((await createAgent(alice, { name: 'Own second', fromNumber: taken })).status).toBe(409);

      const bobs = (await createAgent(bob, { name: 'Bob line' })).body as { id: string; fromNumber: string };
      // Written another way, still the same number.
      const national = `(415) 555-${taken.slice(-4)}`;
      const moved = await patchAgent(bob, bobs.id, { fromNumber: national });
      expect(moved.status).toBe(409);
      expect(moved.body.error.details).toEqual([{ field: 'fromNumber', message: 'already used by another agent' }]);
      expect((await h.db.prisma.agent.findUniqueOrThrow({ where: { id: bobs.id } })).fromNumber).toBe(bobs.fromNumber);
      expect(await h.db.prisma.agent.count({ where: { fromNumber: taken } })).toBe(1);
    });

    it('refuses a Twilio agent whose number the Twilio account does not own, with 400 naming fromNumber and nothing stored', async () => {
      const before = await h.db.prisma.agent.count();
      const res = await createAgent(alice, { name: 'Spoofer', fromNumber: NOT_OWNED });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'fromNumber', message: 'neither a phone number of this Twilio account nor one of its verified caller IDs' }],
      });
      expect(await h.db.prisma.agent.count()).toBe(before);
    });

    it('accepts a Twilio agent calling from one of the account’s verified caller ids', async () => {
      const res = await createAgent(alice, { name: 'Verified', fromNumber: VERIFIED_CALLER_ID });
      expect(res.status).toBe(201);
      expect(res.body.fromNumber).toBe(VERIFIED_CALLER_ID);
    });

    it('checks again when a PATCH changes a Twilio agent’s number or makes an agent a Twilio agent; SansPBX numbers are not checked', async () => {
      const twilioAgent = (await createAgent(alice, { name: 'Twilio line' })).body as { id: string; fromNumber: string };
      const moved = await patchAgent(alice, twilioAgent.id, { fromNumber: NOT_OWNED });
      expect(moved.status).toBe(400);
      expect(moved.body.error.details).toEqual([expect.objectContaining({ field: 'fromNumber' })]);
      expect((await h.db.prisma.agent.findUniqueOrThrow({ where: { id: twilioAgent.id } })).fromNumber).toBe(twilioAgent.fromNumber);
      expect((await patchAgent(alice, twilioAgent.id, { name: 'Renamed, same number' })).status).toBe(200);

      // SansPBX has no API listing an account's numbers: its agents' numbers are only checked for shape and uniqueness.
      const sansPbx = await createAgent(alice, { name: 'PBX line', provider: 'sanspbx', fromNumber: '+16285550101' });
      expect(sansPbx.status).toBe(201);
      const toTwilio = await patchAgent(alice, sansPbx.body.id as string, { provider: 'twilio' });
      expect(toTwilio.status).toBe(400);
      expect(toTwilio.body.error.details).toEqual([expect.objectContaining({ field: 'fromNumber' })]);
      expect((await h.db.prisma.agent.findUniqueOrThrow({ where: { id: sansPbx.body.id as string } })).provider).toBe('SANSPBX');
      const withOwnedNumber = await patchAgent(alice, sansPbx.body.id as string, { provider: 'twilio', fromNumber: ownedNumber() });
      expect(withOwnedNumber.status).toBe(200);
      expect(withOwnedNumber.body.provider).toBe('TWILIO');
    });
  });
});
