import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

describe('GET /api/campaigns/:id/calls.csv', () => {
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

  it('streams every call of the campaign as CSV, oldest first, voicemail told apart, formulas neutralised; 404 for another user', async () => {
    const prisma = h.db.prisma;
    const agent = await prisma.agent.create({
      data: { userId: alice.userId, name: 'A', provider: 'SIMULATOR', fromNumber: '+15005550006' },
    });
    const campaign = await prisma.campaign.create({
      data: { userId: alice.userId, agentId: agent.id, name: 'Export', status: 'COMPLETED', totalLeads: 3 },
    });
    const person = await prisma.lead.create({
      data: { userId: alice.userId, firstName: 'Ada', lastName: 'Lovelace, Countess', phone: '+14155550171' },
    });
    const machine = await prisma.lead.create({ data: { userId: alice.userId, firstName: '=HYPERLINK("x")', phone: '+14155550175' } });
    const base = Date.parse('2026-11-25T10:00:00Z');
    // 2,503 calls: more than two export pages.
    const rows = Array.from({ length: 2503 }, (_, i) => ({
      userId: alice.userId,
      direction: 'OUTBOUND' as const,
      provider: 'SIMULATOR' as const,
      fromNumber: agent.fromNumber,
      toNumber: i === 1 ? machine.phone : person.phone,
      campaignId: campaign.id,
      leadId: i === 1 ? machine.id : person.id,
      agentId: agent.id,
      attempt: i + 1,
      status: 'COMPLETED' as const,
      answeredBy: i === 1 ? 'machine_start' : 'human',
      answeredAt: new Date(base + i * 1000 + 500),
      endedAt: new Date(base + i * 1000 + 900),
      durationSeconds: i === 1 ? 3 : 7,
      disposition: i === 0 ? 'INTERESTED' : null,
      createdAt: new Date(base + i * 1000),
    }));
    await prisma.call.createMany({ data: rows });

    const res = await request(h.app).get(`/api/campaigns/${campaign.id}/calls.csv`).set('Authorization', alice.auth).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`campaign-${campaign.id}-calls.csv`);
    const records = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(2503);
    expect(records[0]).toMatchObject({
      leadName: 'Ada Lovelace, Countess',
      phone: '+14155550171',
      attempt: '1',
      status: 'COMPLETED',
      outcome: 'successful',
      answeredBy: 'human',
      durationSeconds: '7',
      disposition: 'INTERESTED',
      startedAt: '2026-11-25T10:00:00.000Z',
    });
    expect(records[1]).toMatchObject({
      leadName: `'=HYPERLINK("x")`,
      outcome: 'voicemail',
      answeredBy: 'machine_start',
      durationSeconds: '3',
    });
    expect(records.map((r) => Number(r.attempt))).toEqual(rows.map((r) => r.attempt));

    expect((await request(h.app).get(`/api/campaigns/${campaign.id}/calls.csv`).set('Authorization', bob.auth)).status).toBe(404);
  });

  it('pages through calls created in the same instant (a set-wise insert) without losing or repeating one', async () => {
    const prisma = h.db.prisma;
    const agent = await prisma.agent.create({
      data: { userId: alice.userId, name: 'B', provider: 'SIMULATOR', fromNumber: '+15005550007' },
    });
    const campaign = await prisma.campaign.create({
      data: { userId: alice.userId, agentId: agent.id, name: 'Ties', status: 'COMPLETED', totalLeads: 1 },
    });
    const lead = await prisma.lead.create({ data: { userId: alice.userId, firstName: 'Tie', phone: '+14155550172' } });
    const base = Date.parse('2026-11-26T10:00:00Z');
    // Groups of 7 calls share a createdAt, so page boundaries (every 1,000 calls) fall inside a group.
    await prisma.call.createMany({
      data: Array.from({ length: 2100 }, (_, i) => ({
        userId: alice.userId,
        direction: 'OUTBOUND' as const,
        provider: 'SIMULATOR' as const,
        fromNumber: agent.fromNumber,
        toNumber: lead.phone,
        campaignId: campaign.id,
        leadId: lead.id,
        agentId: agent.id,
        attempt: i + 1,
        status: 'MISSED' as const,
        createdAt: new Date(base + Math.floor(i / 7) * 1000),
      })),
    });

    const res = await request(h.app).get(`/api/campaigns/${campaign.id}/calls.csv`).set('Authorization', alice.auth).buffer(true);
    expect(res.status).toBe(200);
    const records = parse(res.text, { columns: true }) as Record<string, string>[];
    const attempts = records.map((r) => Number(r.attempt));
    expect(new Set(attempts).size).toBe(2100);
    expect([...attempts].sort((a, b) => a - b)).toEqual(Array.from({ length: 2100 }, (_, i) => i + 1));
    const keys = records.map((r) => `${r.startedAt} ${r.callId}`);
    expect(keys).toEqual([...keys].sort());
  });
});
