import request from 'supertest';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

describe('leads', () => {
  let h: ApiHarness;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    h = await startApiHarness();
    alice = await h.signup('alice');
    bob = await h.signup('bob');
  });
  afterAll(async () => {
    await h.close();
  });

  const createLead = (user: TestUser, body: Record<string, unknown>) =>
    request(h.app).post('/api/leads').set('Authorization', user.auth).send(body);

  it('creates a lead with its phone in E.164 and source API', async () => {
    const res = await createLead(alice, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '415-555-0101',
      company: 'Engines',
      timezone: 'America/Los_Angeles',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      firstName: 'Ada',
      phone: '+14155550101',
      source: 'API',
      status: 'NEW',
      timezone: 'America/Los_Angeles',
      lastCallAt: null,
    });
    expect((await h.db.prisma.lead.findUniqueOrThrow({ where: { id: res.body.id } })).userId).toBe(alice.userId);
  });

  it('answers 400 naming phone for an invalid number and timezone for an unknown zone, storing nothing', async () => {
    const before = await h.db.prisma.lead.count();
    const badPhone = await createLead(alice, { firstName: 'X', phone: '12345' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details).toEqual([expect.objectContaining({ field: 'phone' })]);
    const badZone = await createLead(alice, { firstName: 'X', phone: '+14155550102', timezone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(badZone.body.error.details).toEqual([expect.objectContaining({ field: 'timezone' })]);
    expect(await h.db.prisma.lead.count()).toBe(before);
  });

  it('refuses premium-rate and shared-cost numbers with 400 naming phone, storing nothing', async () => {
    const before = await h.db.prisma.lead.count();
    const premium = await createLead(alice, { firstName: 'Toll', phone: '+1 900 555 1234' });
    expect(premium.status).toBe(400);
    expect(premium.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'phone', message: expect.stringContaining('premium-rate') }],
    });
    const sharedCost = await createLead(alice, { firstName: 'Shared', phone: '+33 810 12 34 56' });
    expect(sharedCost.status).toBe(400);
    expect(sharedCost.body.error.details).toEqual([{ field: 'phone', message: expect.stringContaining('shared-cost') }]);
    expect(await h.db.prisma.lead.count()).toBe(before);
  });

  it('answers 409 when the user already has the phone, however it is written, but lets another user add it', async () => {
    await createLead(alice, { firstName: 'First', phone: '+1 415 555 0103' }).expect(201);
    const dup = await createLead(alice, { firstName: 'Second', phone: '(415) 555-0103' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details).toEqual([expect.objectContaining({ field: 'phone' })]);
    expect((await createLead(bob, { firstName: 'Bobs', phone: '4155550103' })).status).toBe(201);
  });

  it('reads a lead with its calls, finds it by phone, and answers 404 for another user’s lead', async () => {
    const lead = (await createLead(alice, { firstName: 'Called', phone: '+14155550104' })).body as { id: string };
    const agent = await h.db.prisma.agent.create({
      data: { userId: alice.userId, name: 'A', provider: 'SIMULATOR', fromNumber: '+14155550000' },
    });
    await h.db.prisma.call.create({
      data: {
        userId: alice.userId,
        direction: 'OUTBOUND',
        status: 'COMPLETED',
        provider: 'SIMULATOR',
        fromNumber: agent.fromNumber,
        toNumber: '+14155550104',
        leadId: lead.id,
        agentId: agent.id,
        durationSeconds: 7,
      },
    });

    const res = await request(h.app).get(`/api/leads/${lead.id}`).set('Authorization', alice.auth);
    expect(res.status).toBe(200);
    expect(res.body.calls).toEqual([expect.objectContaining({ status: 'COMPLETED', durationSeconds: 7, leadId: lead.id })]);

    const byPhone = await request(h.app)
      .get(`/api/leads/by-phone/${encodeURIComponent('(415) 555-0104')}`)
      .set('Authorization', alice.auth);
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.id).toBe(lead.id);
    expect(byPhone.body.calls).toHaveLength(1);

    expect(
      (
        await request(h.app)
          .get(`/api/leads/by-phone/${encodeURIComponent('+14155550199')}`)
          .set('Authorization', alice.auth)
      ).status,
    ).toBe(404);
    expect((await request(h.app).get('/api/leads/by-phone/not-a-phone').set('Authorization', alice.auth)).status).toBe(400);
    expect((await request(h.app).get(`/api/leads/${lead.id}`).set('Authorization', bob.auth)).status).toBe(404);
    expect(
      (
        await request(h.app)
          .get(`/api/leads/by-phone/${encodeURIComponent('+14155550104')}`)
          .set('Authorization', bob.auth)
      ).status,
    ).toBe(404);
  });

  it('pages through leads newest first with a cursor and searches by name, phone and company', async () => {
    const carol = await h.signup('carol');
    for (let i = 0; i < 5; i += 1) {
      await createLead(carol, { firstName: `Lead${i}`, phone: `+1415555020${i}`, company: i % 2 ? 'Acme' : 'Globex' }).expect(201);
    }
    const first = await request(h.app).get('/api/leads?limit=2').set('Authorization', carol.auth);
    expect(first.status).toBe(200);
    expect(first.body.items.map((l: { firstName: string }) => l.firstName)).toEqual(['Lead4', 'Lead3']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await request(h.app).get(`/api/leads?limit=2&cursor=${first.body.nextCursor}`).set('Authorization', carol.auth);
    expect(second.body.items.map((l: { firstName: string }) => l.firstName)).toEqual(['Lead2', 'Lead1']);
    const third = await request(h.app).get(`/api/leads?limit=2&cursor=${second.body.nextCursor}`).set('Authorization', carol.auth);
    expect(third.body.items.map((l: { firstName: string }) => l.firstName)).toEqual(['Lead0']);
    expect(third.body.nextCursor).toBeNull();

    const acme = await request(h.app).get('/api/leads?search=acme').set('Authorization', carol.auth);
    expect(acme.body.items.map((l: { firstName: string }) => l.firstName).sort()).toEqual(['Lead1', 'Lead3']);
    const byPhone = await request(h.app).get('/api/leads?search=5550204').set('Authorization', carol.auth);
    expect(byPhone.body.items.map((l: { firstName: string }) => l.firstName)).toEqual(['Lead4']);
    const byName = await request(h.app).get('/api/leads?search=LEAD0').set('Authorization', carol.auth);
    expect(byName.body.items.map((l: { firstName: string }) => l.firstName)).toEqual(['Lead0']);

    const badLimit = await request(h.app).get('/api/leads?limit=0').set('Authorization', carol.auth);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.details).toEqual([expect.objectContaining({ field: 'limit' })]);
    const badCursor = await request(h.app).get('/api/leads?cursor=garbage').set('Authorization', carol.auth);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('filters the list by lead status, and answers 400 naming status for an unknown one', async () => {
    const reached = await createLead(alice, { firstName: 'Reached', phone: '+14155550160' }).expect(201);
    await createLead(alice, { firstName: 'Fresh', phone: '+14155550161' }).expect(201);
    await h.db.prisma.lead.update({ where: { id: reached.body.id }, data: { status: 'CONTACTED' } });
    const contacted = await request(h.app).get('/api/leads?status=CONTACTED').set('Authorization', alice.auth);
    expect(contacted.body.items.map((lead: { id: string }) => lead.id)).toEqual([reached.body.id]);
    const bad = await request(h.app).get('/api/leads?status=SOMETHING').set('Authorization', alice.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'status' })]);
  });
});
