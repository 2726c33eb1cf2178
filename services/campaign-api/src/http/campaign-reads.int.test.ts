import request from 'supertest';
import type { Agent, CallStatus, Campaign } from '@dialwave/db';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

describe('campaign reads', () => {
  let h: ApiHarness;
  let alice: TestUser;
  let bob: TestUser;
  let agent: Agent;
  let leadsSeeded = 0;
  beforeAll(async () => {
    h = await startApiHarness();
    alice = await h.signup('alice');
    bob = await h.signup('bob');
    agent = await h.db.prisma.agent.create({
      data: { userId: alice.userId, name: 'A', provider: 'SIMULATOR', fromNumber: '+14155550000' },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const get = (path: string, user = alice) => request(h.app).get(path).set('Authorization', user.auth);

  async function seedCampaign(name: string, counters: Partial<Omit<Campaign, 'callingWindows'>> = {}, createdAt?: Date): Promise<Campaign> {
    return h.db.prisma.campaign.create({
      data: { userId: alice.userId, agentId: agent.id, name, status: 'RUNNING', ...counters, ...(createdAt && { createdAt }) },
    });
  }

  async function seedCall(campaign: Campaign, status: CallStatus, attempt: number, createdAt: Date) {
    const lead = await h.db.prisma.lead.create({
      data: {
        userId: alice.userId,
        firstName: `L${campaign.name}${attempt}`,
        phone: `+1415200${String((leadsSeeded += 1)).padStart(4, '0')}`,
      },
    });
    return h.db.prisma.call.create({
      data: {
        userId: alice.userId,
        direction: 'OUTBOUND',
        status,
        provider: 'SIMULATOR',
        fromNumber: agent.fromNumber,
        toNumber: lead.phone,
        campaignId: campaign.id,
        leadId: lead.id,
        agentId: agent.id,
        attempt,
        createdAt,
      },
    });
  }

  it('returns a campaign with stats computed from its counters and its live calls', async () => {
    const campaign = await seedCampaign('Stats', {
      totalLeads: 10,
      completedLeads: 8,
      successfulCalls: 3,
      failedCalls: 2,
      missedCalls: 3,
      totalTalkSeconds: 100,
    });
    const base = Date.now() - 60_000;
    const statuses: CallStatus[] = ['INITIATED', 'DIALING', 'RINGING', 'ANSWERED', 'COMPLETED', 'BUSY', 'MISSED', 'FAILED', 'CANCELED'];
    for (const [i, status] of statuses.entries()) await seedCall(campaign, status, i + 1, new Date(base + i * 1000));

    const res = await get(`/api/campaigns/${campaign.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: campaign.id,
      name: 'Stats',
      agentId: agent.id,
      status: 'RUNNING',
      maxConcurrentCalls: 5,
      totalTalkSeconds: 100,
      startedAt: null,
    });
    expect(res.body.stats).toEqual({
      totalLeads: 10,
      completedLeads: 8,
      successfulCalls: 3,
      failedCalls: 2,
      missedCalls: 3,
      voicemailCalls: 0,
      averageDuration: 100 / 3,
      successRate: 0.375,
      activeCalls: 4,
      analysis: expect.objectContaining({ analysedCalls: 0 }),
      waitingLeads: 0,
      retryPendingLeads: 0,
      skippedLeads: 0,
      nextDialAt: null,
      nextDialZone: null,
    });
  });

  it('reports zero averageDuration and successRate for a campaign with nothing finished yet', async () => {
    const campaign = await seedCampaign('Fresh', { totalLeads: 4 });
    const res = await get(`/api/campaigns/${campaign.id}`);
    expect(res.body.stats).toMatchObject({ totalLeads: 4, completedLeads: 0, averageDuration: 0, successRate: 0, activeCalls: 0 });
  });

  it('lists the user’s campaigns newest first, page by page', async () => {
    const carol = await h.signup('carol');
    const agentC = await h.db.prisma.agent.create({
      data: { userId: carol.userId, name: 'C', provider: 'TWILIO', fromNumber: '+14155550009' },
    });
    const t0 = Date.now() - 100_000;
    for (let i = 0; i < 3; i += 1) {
      await h.db.prisma.campaign.create({
        data: { userId: carol.userId, agentId: agentC.id, name: `C${i}`, createdAt: new Date(t0 + i * 1000) },
      });
    }
    const first = await get('/api/campaigns?limit=2', carol);
    expect(first.body.items.map((c: { name: string }) => c.name)).toEqual(['C2', 'C1']);
    const second = await get(`/api/campaigns?limit=2&cursor=${first.body.nextCursor}`, carol);
    expect(second.body.items.map((c: { name: string }) => c.name)).toEqual(['C0']);
    expect(second.body.nextCursor).toBeNull();
    expect((await get('/api/campaigns', bob)).body.items).toEqual([]);
  });

  it('lists a campaign’s calls newest first, filtered by status, and its call logs', async () => {
    const campaign = await seedCampaign('Calls');
    const base = Date.now() - 50_000;
    const completed = await seedCall(campaign, 'COMPLETED', 1, new Date(base));
    const failed = await seedCall(campaign, 'FAILED', 2, new Date(base + 1000));
    const ringing = await seedCall(campaign, 'RINGING', 3, new Date(base + 2000));
    for (const [i, event] of ['initiated', 'ringing', 'completed'].entries()) {
      await h.db.prisma.callLog.create({
        data: {
          callId: completed.id,
          campaignId: campaign.id,
          event,
          sequence: i,
          timestamp: new Date(base + i * 100),
          data: { CallStatus: event },
        },
      });
    }

    const all = await get(`/api/campaigns/${campaign.id}/calls`);
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([ringing.id, failed.id, completed.id]);
    const paged = await get(
      `/api/campaigns/${campaign.id}/calls?limit=1&cursor=${(await get(`/api/campaigns/${campaign.id}/calls?limit=1`)).body.nextCursor}`,
    );
    expect(paged.body.items.map((c: { id: string }) => c.id)).toEqual([failed.id]);
    const onlyFailed = await get(`/api/campaigns/${campaign.id}/calls?status=FAILED`);
    expect(onlyFailed.body.items.map((c: { id: string }) => c.id)).toEqual([failed.id]);
    expect((await get(`/api/campaigns/${campaign.id}/calls?status=LOST`)).status).toBe(400);

    const logs = await get(`/api/call-logs/${campaign.id}`);
    expect(logs.status).toBe(200);
    expect(logs.body.items.map((l: { event: string }) => l.event)).toEqual(['completed', 'ringing', 'initiated']);
    expect(logs.body.items[0]).toMatchObject({
      callId: completed.id,
      campaignId: campaign.id,
      data: { CallStatus: 'completed' },
      timestamp: expect.any(String),
    });

    const call = await get(`/api/calls/${completed.id}`);
    expect(call.status).toBe(200);
    expect(call.body).toMatchObject({ id: completed.id, status: 'COMPLETED', campaignId: campaign.id });
    expect(call.body.logs.map((l: { event: string }) => l.event)).toEqual(['initiated', 'ringing', 'completed']);
  });

  it('answers 404 for another user’s campaign, its calls, its logs and its calls by id', async () => {
    const campaign = await seedCampaign('Private');
    const call = await seedCall(campaign, 'COMPLETED', 1, new Date());
    expect((await get(`/api/campaigns/${campaign.id}`, bob)).status).toBe(404);
    expect((await get(`/api/campaigns/${campaign.id}/calls`, bob)).status).toBe(404);
    expect((await get(`/api/call-logs/${campaign.id}`, bob)).status).toBe(404);
    expect((await get(`/api/calls/${call.id}`, bob)).status).toBe(404);
    expect((await get('/api/campaigns/not-a-uuid')).status).toBe(404);
  });

  it('stores a disposition on the call, and DO_NOT_CALL also marks the lead; another user gets 404', async () => {
    const campaign = await seedCampaign('Dispo');
    const call = await seedCall(campaign, 'COMPLETED', 1, new Date());
    const post = (user: TestUser, body: object) =>
      request(h.app).post(`/api/calls/${call.id}/disposition`).set('Authorization', user.auth).send(body);

    const interested = await post(alice, { disposition: 'INTERESTED', notes: 'call back Tuesday' });
    expect(interested.status).toBe(200);
    expect(interested.body).toMatchObject({ id: call.id, disposition: 'INTERESTED', notes: 'call back Tuesday' });
    expect((await h.db.prisma.lead.findUniqueOrThrow({ where: { id: call.leadId! } })).status).toBe('NEW');

    expect((await post(alice, { disposition: 'MAYBE' })).body.error.details).toEqual([expect.objectContaining({ field: 'disposition' })]);
    expect((await post(bob, { disposition: 'DO_NOT_CALL' })).status).toBe(404);
    expect((await h.db.prisma.lead.findUniqueOrThrow({ where: { id: call.leadId! } })).status).toBe('NEW');

    expect((await post(alice, { disposition: 'DO_NOT_CALL' })).status).toBe(200);
    expect((await h.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).disposition).toBe('DO_NOT_CALL');
    expect((await h.db.prisma.lead.findUniqueOrThrow({ where: { id: call.leadId! } })).status).toBe('DO_NOT_CALL');
  });
});
