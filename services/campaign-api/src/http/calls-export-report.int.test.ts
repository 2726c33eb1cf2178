import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

describe("a campaign's calls CSV and their reports", () => {
  let h: ApiHarness;
  let ann: TestUser;
  beforeAll(async () => {
    h = await startApiHarness();
    ann = await h.signup('ann');
  });
  afterAll(async () => {
    await h.close();
  });

  it("carries each call's sentiment, its source, the verdict and the summary (formulas neutralised), empty without a report", async () => {
    const prisma = h.db.prisma;
    const agent = await prisma.agent.create({ data: { userId: ann.userId, name: 'A', provider: 'SIMULATOR', fromNumber: '+15005550016' } });
    const campaign = await prisma.campaign.create({
      data: { userId: ann.userId, agentId: agent.id, name: 'Export', status: 'COMPLETED', totalLeads: 2 },
    });
    const lead = await prisma.lead.create({ data: { userId: ann.userId, firstName: 'Ada', phone: '+14155550181' } });
    const base = Date.parse('2026-11-25T10:00:00Z');
    const call = (attempt: number) =>
      prisma.call.create({
        data: {
          userId: ann.userId,
          direction: 'OUTBOUND',
          provider: 'SIMULATOR',
          fromNumber: agent.fromNumber,
          toNumber: lead.phone,
          campaignId: campaign.id,
          leadId: lead.id,
          agentId: agent.id,
          attempt,
          status: 'COMPLETED',
          durationSeconds: 5,
          createdAt: new Date(base + attempt * 1000),
        },
      });
    const analysed = await call(1);
    await call(2);
    await prisma.callReport.create({
      data: {
        callId: analysed.id,
        userId: ann.userId,
        campaignId: campaign.id,
        transcript: [],
        transcriptText: '',
        summary: '=wants a "quote", soon',
        sentiment: 'mixed',
        sentimentSource: 'computed',
        successful: false,
      },
    });

    const res = await request(h.app).get(`/api/campaigns/${campaign.id}/calls.csv`).set('Authorization', ann.auth).buffer(true);
    expect(res.status).toBe(200);
    const records = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(
      records.map(({ sentiment, sentimentSource, judgedSuccessful, summary }) => ({
        sentiment,
        sentimentSource,
        judgedSuccessful,
        summary,
      })),
    ).toEqual([
      { sentiment: 'mixed', sentimentSource: 'computed', judgedSuccessful: 'false', summary: `'=wants a "quote", soon` },
      { sentiment: '', sentimentSource: '', judgedSuccessful: '', summary: '' },
    ]);
  });
});
