import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Agent, Lead } from '@dialwave/db';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

describe('campaign commands', () => {
  let h: ApiHarness;
  let alice: TestUser;
  let bob: TestUser;
  let agent: Agent;
  let bobsAgent: Agent;
  let phones = 0;
  beforeAll(async () => {
    h = await startApiHarness();
    alice = await h.signup('alice');
    bob = await h.signup('bob');
    agent = await h.db.prisma.agent.create({
      data: { userId: alice.userId, name: 'A', provider: 'SIMULATOR', fromNumber: '+14155550000' },
    });
    bobsAgent = await h.db.prisma.agent.create({
      data: { userId: bob.userId, name: 'B', provider: 'SIMULATOR', fromNumber: '+14155550001' },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  async function seedLeads(user: TestUser, count: number, status: Lead['status'] = 'NEW'): Promise<Lead[]> {
    const leads: Lead[] = [];
    for (let i = 0; i < count; i += 1) {
      phones += 1;
      leads.push(
        await h.db.prisma.lead.create({
          data: { userId: user.userId, firstName: `L${phones}`, phone: `+1415300${String(phones).padStart(4, '0')}`, status },
        }),
      );
    }
    return leads;
  }

  const start = (user: TestUser, body: Record<string, unknown>) =>
    request(h.app)
      .post('/api/campaigns')
      .set('Authorization', user.auth)
      .send({ agentId: agent.id, campaignName: 'Spring', ...body });
  const transition = (user: TestUser, id: string, action: 'pause' | 'resume' | 'cancel') =>
    request(h.app).patch(`/api/campaigns/${id}/${action}`).set('Authorization', user.auth);
  const queuedJobs = async () => {
    const counts = await h.dialQueue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  };

  it('starts a campaign: RUNNING, one CampaignLead per callable lead, and no more jobs than maxConcurrentCalls', async () => {
    await h.dialQueue.obliterate({ force: true });
    const callable = await seedLeads(alice, 7);
    const [blocked] = await seedLeads(alice, 1, 'DO_NOT_CALL');
    const res = await start(alice, { leadIds: [...callable, blocked!].map((l) => l.id), maxConcurrentCalls: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ campaignId: expect.any(String), status: 'RUNNING', totalLeads: 7 });

    const campaign = await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: res.body.campaignId } });
    expect(campaign).toMatchObject({
      userId: alice.userId,
      agentId: agent.id,
      name: 'Spring',
      status: 'RUNNING',
      maxConcurrentCalls: 3,
      totalLeads: 7,
    });
    const rows = await h.db.prisma.campaignLead.findMany({ where: { campaignId: campaign.id } });
    expect(rows.map((r) => r.leadId).sort()).toEqual(callable.map((l) => l.id).sort());
    expect(rows.filter((r) => r.state === 'QUEUED')).toHaveLength(3);
    expect(await queuedJobs()).toBe(3);

    const read = await request(h.app).get(`/api/campaigns/${campaign.id}`).set('Authorization', alice.auth);
    expect(read.body.stats).toMatchObject({ totalLeads: 7, completedLeads: 0, activeCalls: 0 });
  });

  it('starts a campaign over every callable lead with allLeads: true', async () => {
    const carol = await h.signup('carol');
    const carolsAgent = await h.db.prisma.agent.create({
      data: { userId: carol.userId, name: 'C', provider: 'SIMULATOR', fromNumber: '+14155550002' },
    });
    await seedLeads(carol, 4);
    await seedLeads(carol, 2, 'DO_NOT_CALL');
    const res = await start(carol, { agentId: carolsAgent.id, allLeads: true });
    expect(res.status).toBe(201);
    expect(res.body.totalLeads).toBe(4);
  });

  it('answers 400 naming leadIds for an empty list or for neither leadIds nor allLeads, creating nothing', async () => {
    const before = await h.db.prisma.campaign.count();
    const empty = await start(alice, { leadIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'leadIds' })]));
    const neither = await start(alice, {});
    expect(neither.status).toBe(400);
    expect(neither.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'leadIds' })]));
    expect(await h.db.prisma.campaign.count()).toBe(before);
  });

  it('answers 404 for an unknown agent, another user’s agent or another user’s lead, creating nothing', async () => {
    const [mine] = await seedLeads(alice, 1);
    const [bobs] = await seedLeads(bob, 1);
    const before = await h.db.prisma.campaign.count();

    const unknownAgent = await start(alice, { agentId: randomUUID(), leadIds: [mine!.id] });
    expect(unknownAgent.status).toBe(404);
    expect(unknownAgent.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'agentId' })]));
    expect((await start(alice, { agentId: bobsAgent.id, leadIds: [mine!.id] })).status).toBe(404);

    const foreignLead = await start(alice, { leadIds: [mine!.id, bobs!.id] });
    expect(foreignLead.status).toBe(404);
    expect(foreignLead.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'leadIds', message: expect.stringContaining(bobs!.id) })]),
    );
    expect(await h.db.prisma.campaign.count()).toBe(before);
  });

  it('answers 400 when every chosen lead is on the do-not-call list', async () => {
    const blocked = await seedLeads(alice, 2, 'DO_NOT_CALL');
    const res = await start(alice, { leadIds: blocked.map((l) => l.id) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('pauses, resumes and cancels a campaign, answering with the campaign each time', async () => {
    const leads = await seedLeads(alice, 4);
    const { campaignId } = (await start(alice, { leadIds: leads.map((l) => l.id), maxConcurrentCalls: 2 })).body as { campaignId: string };

    const paused = await transition(alice, campaignId, 'pause');
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ id: campaignId, status: 'PAUSED', stats: expect.any(Object) });
    expect(await h.db.prisma.campaignLead.count({ where: { campaignId, state: 'QUEUED' } })).toBe(0);
    expect((await transition(alice, campaignId, 'pause')).status).toBe(409);

    expect((await transition(alice, campaignId, 'resume')).body.status).toBe('RUNNING');
    expect(await h.db.prisma.campaignLead.count({ where: { campaignId, state: 'QUEUED' } })).toBe(2);

    expect((await transition(bob, campaignId, 'cancel')).status).toBe(404);
    expect((await transition(alice, campaignId, 'cancel')).body.status).toBe('CANCELED');
    expect((await transition(alice, campaignId, 'resume')).status).toBe(409);
  });

  it('answers 409 INVALID_TRANSITION to pausing a completed campaign', async () => {
    const done = await h.db.prisma.campaign.create({
      data: { userId: alice.userId, agentId: agent.id, name: 'Done', status: 'COMPLETED', completedAt: new Date() },
    });
    const res = await transition(alice, done.id, 'pause');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
    expect((await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: done.id } })).status).toBe('COMPLETED');
    expect((await transition(alice, randomUUID(), 'pause')).status).toBe(404);
  });
});
