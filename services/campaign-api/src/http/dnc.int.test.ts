import request from 'supertest';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

describe('the do-not-call list', () => {
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

  const as = (user: TestUser) => ({
    add: (phone: string) => request(h.app).post('/api/dnc').set('Authorization', user.auth).send({ phone }),
    list: () => request(h.app).get('/api/dnc').set('Authorization', user.auth),
    remove: (phone: string) =>
      request(h.app)
        .delete(`/api/dnc/${encodeURIComponent(phone)}`)
        .set('Authorization', user.auth),
    import: (csv: string) =>
      request(h.app).post('/api/dnc/import').set('Authorization', user.auth).set('Content-Type', 'text/csv').send(csv),
  });

  it('adds a number in E.164 (201, twice is fine), lists it for its owner only, and removes it', async () => {
    const first = await as(alice).add('(415) 555-0190');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ phone: '+14155550190', source: 'API' });
    expect((await as(alice).add('+1 415 555 0190')).status).toBe(201);
    expect((await as(alice).list()).body.items.map((e: { phone: string }) => e.phone)).toEqual(['+14155550190']);
    expect((await as(bob).list()).body.items).toEqual([]);
    expect((await as(bob).remove('+14155550190')).status).toBe(404);
    expect((await as(alice).remove('+14155550190')).status).toBe(204);
    expect((await as(alice).list()).body.items).toEqual([]);
  });

  it('answers 400 naming phone for a number that is not one', async () => {
    const res = await as(alice).add('12345');
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'phone' })]);
  });

  it('marks the owner’s lead DO_NOT_CALL, keeps it out of new campaigns, and lets it back in once removed', async () => {
    const lead = await request(h.app)
      .post('/api/leads')
      .set('Authorization', alice.auth)
      .send({ firstName: 'Dee', phone: '+14155550191' })
      .expect(201);
    const other = await request(h.app)
      .post('/api/leads')
      .set('Authorization', bob.auth)
      .send({ firstName: 'Bo', phone: '+14155550191' })
      .expect(201);
    await as(alice).add('+14155550191').expect(201);
    expect((await h.db.prisma.lead.findUniqueOrThrow({ where: { id: lead.body.id } })).status).toBe('DO_NOT_CALL');
    expect((await h.db.prisma.lead.findUniqueOrThrow({ where: { id: other.body.id } })).status).toBe('NEW');
    const agent = await request(h.app)
      .post('/api/agents')
      .set('Authorization', alice.auth)
      .send({ name: 'A', provider: 'simulator', fromNumber: '+15005550006' })
      .expect(201);
    const refused = await request(h.app)
      .post('/api/campaigns')
      .set('Authorization', alice.auth)
      .send({ agentId: agent.body.id, campaignName: 'x', leadIds: [lead.body.id] });
    expect(refused.status).toBe(400);
    await as(alice).remove('+14155550191').expect(204);
    expect((await h.db.prisma.lead.findUniqueOrThrow({ where: { id: lead.body.id } })).status).toBe('NEW');
  });

  it('imports a CSV with a phone column, counting duplicates and listing bad rows', async () => {
    await as(alice).add('+14155550192').expect(201);
    const res = await as(alice).import('name,phone\nA,+14155550192\nB,415 555 0193\nC,not-a-number\nD,\nE,+14155550193\n');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      added: 1,
      duplicates: 2,
      invalid: [
        { row: 3, field: 'phone', message: expect.stringContaining('not a valid') },
        { row: 4, field: 'phone', message: 'empty' },
      ],
      invalidCount: 2,
    });
    const sources = (await as(alice).list()).body.items.map((e: { phone: string; source: string }) => `${e.phone}:${e.source}`);
    expect(sources).toEqual(expect.arrayContaining(['+14155550192:API', '+14155550193:IMPORT']));
    const noColumn = await as(alice).import('name,number\nA,+14155550194\n');
    expect(noColumn.status).toBe(400);
    expect(noColumn.body.error.details).toEqual([expect.objectContaining({ field: 'phone' })]);
  });
});
