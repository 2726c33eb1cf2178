import request from 'supertest';
import type { TSentiment } from '@dialwave/contracts';
import type { CallStatus } from '@dialwave/db';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

let h: ApiHarness;
let numbers = 0;

beforeAll(async () => {
  h = await startApiHarness();
});

afterAll(async () => {
  await h.close();
});

async function seedAgent(user: TestUser, name: string) {
  numbers += 1;
  return h.db.prisma.agent.create({ data: { userId: user.userId, name, provider: 'SIMULATOR', fromNumber: `+1628555${2000 + numbers}` } });
}

async function seedLead(user: TestUser, firstName: string) {
  numbers += 1;
  return h.db.prisma.lead.create({ data: { userId: user.userId, firstName, lastName: 'Test', phone: `+1415555${4000 + numbers}` } });
}

interface SeedCall {
  agentId: string;
  leadId: string;
  phone: string;
  campaignId?: string;
  status?: CallStatus;
  minutesAgo: number;
  report?: { text: string; summary?: string; sentiment: TSentiment; successful?: boolean | null };
}

async function seedCall(user: TestUser, call: SeedCall) {
  const row = await h.db.prisma.call.create({
    data: {
      userId: user.userId,
      direction: 'OUTBOUND',
      status: call.status ?? 'COMPLETED',
      durationSeconds: (call.status ?? 'COMPLETED') === 'COMPLETED' ? 42 : 0,
      provider: 'SIMULATOR',
      fromNumber: '+16285550000',
      toNumber: call.phone,
      leadId: call.leadId,
      agentId: call.agentId,
      campaignId: call.campaignId ?? null,
      createdAt: new Date(Date.now() - call.minutesAgo * 60_000),
    },
  });
  if (call.report) {
    await h.db.prisma.callReport.create({
      data: {
        callId: row.id,
        userId: user.userId,
        campaignId: call.campaignId ?? null,
        transcript: [
          { role: 'agent', text: 'Hello, this is Dialwave.' },
          { role: 'caller', text: call.report.text },
        ],
        transcriptText: `Hello, this is Dialwave.\n${call.report.text}`,
        summary: call.report.summary ?? null,
        sentiment: call.report.sentiment,
        sentimentSource: 'reported',
        successful: call.report.successful ?? null,
      },
    });
  }
  return row;
}

const get = (user: TestUser, path: string) => request(h.app).get(path).set('Authorization', user.auth);

describe('GET /api/calls/:id', () => {
  it('carries the report, or null before one arrives', async () => {
    const ann = await h.signup('ann');
    const agent = await seedAgent(ann, 'Ann agent');
    const lead = await seedLead(ann, 'Lou');
    const plain = await seedCall(ann, { agentId: agent.id, leadId: lead.id, phone: lead.phone, minutesAgo: 2 });
    const analysed = await seedCall(ann, {
      agentId: agent.id,
      leadId: lead.id,
      phone: lead.phone,
      minutesAgo: 1,
      report: { text: 'Yes please, send the brochure.', summary: 'Wants a brochure.', sentiment: 'positive', successful: true },
    });
    expect((await get(ann, `/api/calls/${plain.id}`)).body.report).toBeNull();
    const res = await get(ann, `/api/calls/${analysed.id}`);
    expect(res.status).toBe(200);
    expect(res.body.report).toEqual({
      transcript: [
        { role: 'agent', text: 'Hello, this is Dialwave.' },
        { role: 'caller', text: 'Yes please, send the brochure.' },
      ],
      summary: 'Wants a brochure.',
      sentiment: 'positive',
      sentimentSource: 'reported',
      successful: true,
      data: null,
      receivedAt: expect.any(String),
      revisions: 1,
    });
  });
});

describe('GET /api/calls?q= (search what was said)', () => {
  it("finds the user's calls by a word of their transcript or summary, stemmed, newest first, with the words marked", async () => {
    const bea = await h.signup('bea');
    const eve = await h.signup('eve');
    const agent = await seedAgent(bea, 'Bea agent');
    const lead = await seedLead(bea, 'Rita');
    const older = await seedCall(bea, {
      agentId: agent.id,
      leadId: lead.id,
      phone: lead.phone,
      minutesAgo: 30,
      report: { text: 'The warranty on the panels worries me.', sentiment: 'neutral' },
    });
    const newer = await seedCall(bea, {
      agentId: agent.id,
      leadId: lead.id,
      phone: lead.phone,
      minutesAgo: 10,
      report: { text: 'Sounds fine.', summary: 'Asked about the warranty period.', sentiment: 'positive' },
    });
    await seedCall(bea, {
      agentId: agent.id,
      leadId: lead.id,
      phone: lead.phone,
      minutesAgo: 5,
      report: { text: 'Call me next week.', sentiment: 'neutral' },
    });
    // Another tenant said the same word: never visible to bea.
    const eveAgent = await seedAgent(eve, 'Eve agent');
    const eveLead = await seedLead(eve, 'Zed');
    await seedCall(eve, {
      agentId: eveAgent.id,
      leadId: eveLead.id,
      phone: eveLead.phone,
      minutesAgo: 1,
      report: { text: 'What about the warranty?', sentiment: 'neutral' },
    });

    const res = await get(bea, '/api/calls?q=warranties');
    expect(res.status).toBe(200);
    expect(res.body.items.map((hit: { callId: string }) => hit.callId)).toEqual([newer.id, older.id]);
    expect(res.body.items[1]).toMatchObject({
      callId: older.id,
      leadId: lead.id,
      leadName: 'Rita Test',
      phone: lead.phone,
      status: 'COMPLETED',
      sentiment: 'neutral',
      sentimentSource: 'reported',
    });
    expect(res.body.items[1].snippet).toEqual(expect.arrayContaining([{ text: 'warranty', match: true }]));

    expect((await get(eve, '/api/calls?q=warranty')).body.items).toHaveLength(1);
    expect((await get(bea, '/api/calls?q=brochure')).body.items).toEqual([]);
  });

  it('pages with a cursor, reads quoted phrases and exclusions, and answers 400 without words', async () => {
    const cy = await h.signup('cy');
    const agent = await seedAgent(cy, 'Cy agent');
    const lead = await seedLead(cy, 'Kim');
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (
          await seedCall(cy, {
            agentId: agent.id,
            leadId: lead.id,
            phone: lead.phone,
            minutesAgo: 10 - i,
            report: { text: `The roof repair quote number ${i}.`, sentiment: 'neutral' },
          })
        ).id,
      );
    }
    const first = await get(cy, '/api/calls?q=roof&limit=2');
    expect(first.body.items.map((hit: { callId: string }) => hit.callId)).toEqual([ids[2], ids[1]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(cy, `/api/calls?q=roof&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ callId: ids[0] })], nextCursor: null });

    expect((await get(cy, `/api/calls?q=${encodeURIComponent('"repair quote"')}`)).body.items).toHaveLength(3);
    expect((await get(cy, `/api/calls?q=${encodeURIComponent('"quote repair"')}`)).body.items).toHaveLength(0);
    expect((await get(cy, `/api/calls?q=${encodeURIComponent('roof -1')}`)).body.items).toHaveLength(2);

    const empty = await get(cy, '/api/calls?q=%20');
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([expect.objectContaining({ field: 'q' })]);
    expect((await get(cy, '/api/calls')).status).toBe(400);
  });
});

describe('campaign stats', () => {
  it('break the reports down by sentiment and give the share the agent judged successful', async () => {
    const dee = await h.signup('dee');
    const agent = await seedAgent(dee, 'Dee agent');
    const campaign = await h.db.prisma.campaign.create({
      data: { userId: dee.userId, agentId: agent.id, name: 'Sentiments', status: 'RUNNING', totalLeads: 5 },
    });
    const verdicts: [TSentiment, boolean | null][] = [
      ['positive', true],
      ['positive', true],
      ['negative', false],
      ['mixed', null],
    ];
    for (const [i, [sentiment, successful]] of verdicts.entries()) {
      const lead = await seedLead(dee, `L${i}`);
      await seedCall(dee, {
        agentId: agent.id,
        leadId: lead.id,
        phone: lead.phone,
        campaignId: campaign.id,
        minutesAgo: i,
        report: { text: 'ok', sentiment, successful },
      });
    }
    const unanswered = await seedLead(dee, 'Missed');
    await seedCall(dee, {
      agentId: agent.id,
      leadId: unanswered.id,
      phone: unanswered.phone,
      campaignId: campaign.id,
      status: 'MISSED',
      minutesAgo: 9,
    });

    const res = await get(dee, `/api/campaigns/${campaign.id}`);
    expect(res.status).toBe(200);
    expect(res.body.stats.analysis).toEqual({
      analysedCalls: 4,
      sentiment: { positive: 2, neutral: 0, negative: 1, mixed: 1 },
      judgedCalls: 3,
      judgedSuccessful: 2,
      judgedSuccessRate: 0.6667,
    });
  });
});

describe('leads and what their calls were judged', () => {
  it("list each lead's last sentiment, and a lead's calls with their analysis and the last summary", async () => {
    const fay = await h.signup('fay');
    const agent = await seedAgent(fay, 'Fay agent');
    const lead = await seedLead(fay, 'Olga');
    const quiet = await seedLead(fay, 'Quiet');
    await seedCall(fay, {
      agentId: agent.id,
      leadId: lead.id,
      phone: lead.phone,
      minutesAgo: 30,
      report: { text: 'Maybe.', summary: 'Undecided.', sentiment: 'neutral' },
    });
    await seedCall(fay, {
      agentId: agent.id,
      leadId: lead.id,
      phone: lead.phone,
      minutesAgo: 20,
      report: { text: 'Great!', summary: 'Booked a visit.', sentiment: 'positive', successful: true },
    });
    const newest = await seedCall(fay, { agentId: agent.id, leadId: lead.id, phone: lead.phone, minutesAgo: 10, status: 'MISSED' });

    const list = await get(fay, '/api/leads');
    const byName = Object.fromEntries(
      (list.body.items as { firstName: string; lastSentiment: string | null }[]).map((l) => [l.firstName, l.lastSentiment]),
    );
    expect(byName).toEqual({ Olga: 'positive', Quiet: null });
    expect(quiet.id).toBeTruthy();

    const detail = await get(fay, `/api/leads/${lead.id}`);
    expect(detail.status).toBe(200);
    expect(
      detail.body.calls.map((c: { status: string; analysis: { sentiment: string } | null }) => [c.status, c.analysis?.sentiment ?? null]),
    ).toEqual([
      ['MISSED', null],
      ['COMPLETED', 'positive'],
      ['COMPLETED', 'neutral'],
    ]);
    expect(detail.body.calls[1].analysis).toEqual({
      sentiment: 'positive',
      sentimentSource: 'reported',
      successful: true,
      summary: 'Booked a visit.',
    });
    expect(detail.body.lastSummary).toMatchObject({ summary: 'Booked a visit.' });
    expect(detail.body.calls[0].id).toBe(newest.id);
  });
});

describe('the suggested agent for a caller', () => {
  it('prefers the agent whose latest call with them was answered and positive, and says why', async () => {
    const gus = await h.signup('gus');
    const liked = await seedAgent(gus, 'Liked');
    const recent = await seedAgent(gus, 'Recent');
    const lead = await seedLead(gus, 'Pat');
    const positive = await seedCall(gus, {
      agentId: liked.id,
      leadId: lead.id,
      phone: lead.phone,
      minutesAgo: 60,
      report: { text: 'Lovely!', summary: 'Happy.', sentiment: 'positive' },
    });
    // A later conversation with someone else that went badly: the old rule would suggest Recent.
    await seedCall(gus, {
      agentId: recent.id,
      leadId: lead.id,
      phone: lead.phone,
      minutesAgo: 10,
      report: { text: 'Awful.', sentiment: 'negative' },
    });

    const res = await get(gus, `/api/leads/by-phone/${encodeURIComponent(lead.phone)}`);
    expect(res.status).toBe(200);
    expect(res.body.suggestedAgent).toEqual({
      id: liked.id,
      name: 'Liked',
      reason: { rule: 'positive-conversation', at: positive.createdAt.toISOString(), sentiment: 'positive' },
    });
    expect(res.body.history.map((e: { sentiment: string | null }) => e.sentiment)).toEqual(['negative', 'positive']);
    expect(res.body.lastSummary).toMatchObject({ callId: positive.id, summary: 'Happy.' });
  });

  it("passes over an agent whose positive call was followed by a later one with the caller that was not, then keeps today's rule", async () => {
    const hal = await h.signup('hal');
    const first = await seedAgent(hal, 'First');
    const second = await seedAgent(hal, 'Second');
    const lead = await seedLead(hal, 'Quinn');
    await seedCall(hal, {
      agentId: first.id,
      leadId: lead.id,
      phone: lead.phone,
      minutesAgo: 60,
      report: { text: 'Nice.', sentiment: 'positive' },
    });
    await seedCall(hal, { agentId: first.id, leadId: lead.id, phone: lead.phone, minutesAgo: 30, status: 'MISSED' });
    const talked = await seedCall(hal, {
      agentId: second.id,
      leadId: lead.id,
      phone: lead.phone,
      minutesAgo: 20,
      report: { text: 'Hmm.', sentiment: 'neutral' },
    });

    const res = await get(hal, `/api/leads/by-phone/${encodeURIComponent(lead.phone)}`);
    expect(res.body.suggestedAgent).toEqual({
      id: second.id,
      name: 'Second',
      reason: { rule: 'last-conversation', at: talked.createdAt.toISOString(), sentiment: 'neutral' },
    });
  });
});
