import request from 'supertest';
import { AGENT_REPORT_MAX_BYTES, userEventsChannel, type TAgentReport } from '@dialwave/contracts';
import { signCallToken } from '@dialwave/platform';
import { waitFor } from '@dialwave/testkit';
import { startIngestHarness, TEST_AGENT_REPORT_SECRET, type IngestHarness } from '../testing/ingest-harness';

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness();
});

afterAll(async () => {
  await h.close();
});

const REPORT: TAgentReport = {
  transcript: [
    { role: 'agent', text: 'Hello Lead0, this is Acme Solar.', atSeconds: 0 },
    { role: 'caller', text: 'Oh great, I was hoping you would call about the panels.', atSeconds: 2.5 },
  ],
  summary: 'Lead wants a quote for rooftop panels.',
  sentiment: 'positive',
  successful: true,
  data: { quoteRequested: true, roofSize: 'medium' },
};

function reportPath(callId: string, token = signCallToken(TEST_AGENT_REPORT_SECRET, callId)): string {
  return `/agent/report?${new URLSearchParams({ callId, token }).toString()}`;
}

function postReport(callId: string, body: unknown, token?: string) {
  return request(h.app)
    .post(reportPath(callId, token))
    .send(body as object);
}

async function storedReport(callId: string) {
  return h.db.prisma.callReport.findUnique({ where: { callId } });
}

function analysedEvents(callId: string) {
  return h.events.filter((e) => e.type === 'call:analyzed' && e.payload.callId === callId);
}

describe('POST /agent/report', () => {
  it("stores the report, logs it and tells the owner's consoles, and only the owner's", async () => {
    const owner = await h.seedCampaign({ leads: 1 });
    const bystander = await h.seedCampaign({ leads: 1 });
    const call = owner.calls[0]!;

    const res = await postReport(call.id, REPORT);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ callId: call.id, outcome: 'stored', sentiment: 'positive', sentimentSource: 'reported' });

    expect(await storedReport(call.id)).toMatchObject({
      userId: owner.userId,
      campaignId: owner.campaignId,
      transcript: REPORT.transcript,
      summary: REPORT.summary,
      sentiment: 'positive',
      sentimentSource: 'reported',
      sentimentScore: null,
      successful: true,
      data: REPORT.data,
      revisions: 1,
    });
    const logs = await h.db.prisma.callLog.findMany({ where: { callId: call.id, event: 'report:received' } });
    expect(logs).toEqual([expect.objectContaining({ sequence: 1, campaignId: owner.campaignId, details: 'positive (reported)' })]);

    await waitFor(() => analysedEvents(call.id).length === 1, { timeoutMs: 5000, what: 'call:analyzed' });
    const [event] = analysedEvents(call.id);
    expect(event!.channel).toBe(userEventsChannel(owner.userId));
    expect(event!.payload).toMatchObject({
      callId: call.id,
      campaignId: owner.campaignId,
      leadId: call.leadId,
      leadName: 'Lead0 Smith',
      phone: '+14155551000',
      sentiment: 'positive',
      sentimentSource: 'reported',
      successful: true,
      summary: REPORT.summary,
      replaced: false,
    });
    expect(h.events.some((e) => e.channel === userEventsChannel(bystander.userId))).toBe(false);
  });

  it("computes the sentiment from the caller's turns when the report gives none", async () => {
    const { calls } = await h.seedCampaign({ leads: 1 });
    const res = await postReport(calls[0]!.id, {
      transcript: [
        { role: 'agent', text: 'Hi, do you have a minute?' },
        { role: 'caller', text: 'Stop calling me. This is a waste of my time and I am not interested.' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sentiment: 'negative', sentimentSource: 'computed' });
    const stored = await storedReport(calls[0]!.id);
    expect(stored).toMatchObject({ sentiment: 'negative', sentimentSource: 'computed', summary: null, successful: null, data: null });
    expect(stored!.sentimentScore).toBeLessThanOrEqual(-0.25);
  });

  it('replaces an earlier report of the same call and logs each arrival', async () => {
    const { calls } = await h.seedCampaign({ leads: 1 });
    const callId = calls[0]!.id;
    expect((await postReport(callId, REPORT)).body.outcome).toBe('stored');
    const second = await postReport(callId, {
      transcript: [{ role: 'caller', text: 'Actually, never mind.' }],
      summary: 'Changed their mind.',
      sentiment: 'neutral',
      successful: false,
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ outcome: 'replaced', sentiment: 'neutral' });

    expect(await h.db.prisma.callReport.count({ where: { callId } })).toBe(1);
    expect(await storedReport(callId)).toMatchObject({
      summary: 'Changed their mind.',
      sentiment: 'neutral',
      successful: false,
      revisions: 2,
      data: null,
    });
    const logs = await h.db.prisma.callLog.findMany({ where: { callId, event: 'report:received' }, orderBy: { sequence: 'asc' } });
    expect(logs.map((l) => [l.sequence, l.details])).toEqual([
      [1, 'positive (reported)'],
      [2, 'replaced revision 1; neutral (reported)'],
    ]);
    await waitFor(() => analysedEvents(callId).length === 2, { timeoutMs: 5000, what: 'two call:analyzed events' });
    expect(analysedEvents(callId).map((e) => e.payload.replaced)).toEqual([false, true]);
  });

  it("refuses a missing token, a wrong token and another call's token with 403, before reading the body", async () => {
    const { calls } = await h.seedCampaign({ leads: 2 });
    const [mine, other] = [calls[0]!.id, calls[1]!.id];
    const missing = await request(h.app).post(`/agent/report?callId=${mine}`).send(REPORT);
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await postReport(mine, REPORT, 'x'.repeat(43))).status).toBe(403);
    expect((await postReport(mine, REPORT, signCallToken(TEST_AGENT_REPORT_SECRET, other))).status).toBe(403);
    expect((await postReport(mine, REPORT, signCallToken('another-deployment-secret-0123456789', mine))).status).toBe(403);
    // The token is checked first: a forged request learns nothing from a body the schema would refuse.
    expect((await postReport(mine, { transcript: 'nope' }, 'forged')).status).toBe(403);
    expect(await storedReport(mine)).toBeNull();
  });

  it('answers 403 for an unknown call without a token, and 404 only to a holder of a valid token', async () => {
    expect((await postReport('no-such-call', REPORT, 'guess')).status).toBe(403);
    const res = await postReport('no-such-call', REPORT);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('refuses a body over 1 MB with 413 and stores nothing', async () => {
    const { calls } = await h.seedCampaign({ leads: 1 });
    const callId = calls[0]!.id;
    const turn = { role: 'caller', text: 'word '.repeat(2000) };
    const big = { transcript: Array.from({ length: Math.ceil(AGENT_REPORT_MAX_BYTES / 10_000) + 1 }, () => turn) };
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(AGENT_REPORT_MAX_BYTES);
    const res = await postReport(callId, big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await storedReport(callId)).toBeNull();

    // Just under the limit is a report like any other, and is indexed without overflowing a tsvector.
    const justUnder = { transcript: Array.from({ length: Math.floor(AGENT_REPORT_MAX_BYTES / 10_050) }, () => turn) };
    expect(Buffer.byteLength(JSON.stringify(justUnder))).toBeLessThan(AGENT_REPORT_MAX_BYTES);
    expect((await postReport(callId, justUnder)).status).toBe(200);
  });

  it.each([
    ['no transcript', { summary: 'x' }, 'transcript'],
    ['a turn by a stranger', { transcript: [{ role: 'bot', text: 'hi' }] }, 'transcript.0.role'],
    ['a turn without text', { transcript: [{ role: 'agent', text: 'hi' }, { role: 'caller' }] }, 'transcript.1.text'],
    ['a negative time', { transcript: [{ role: 'agent', text: 'hi', atSeconds: -1 }] }, 'transcript.0.atSeconds'],
    ['a sentiment we do not know', { transcript: [], sentiment: 'happy' }, 'sentiment'],
    ['a verdict that is not a boolean', { transcript: [], successful: 'yes' }, 'successful'],
    ['data that is not an object', { transcript: [], data: [1, 2] }, 'data'],
  ])('answers 400 naming the field for %s', async (_label, body, field) => {
    const { calls } = await h.seedCampaign({ leads: 1 });
    const res = await postReport(calls[0]!.id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await storedReport(calls[0]!.id)).toBeNull();
  });

  it('answers 400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const { calls } = await h.seedCampaign({ leads: 1 });
    const path = reportPath(calls[0]!.id);
    const malformed = await request(h.app).post(path).set('Content-Type', 'application/json').send('{"transcript": [');
    expect(malformed.status).toBe(400);
    const form = await request(h.app).post(path).type('form').send({ transcript: 'x' });
    expect(form.status).toBe(415);
  });

  it('keeps NUL characters a speech-to-text glitch left in the text out of Postgres', async () => {
    const { calls } = await h.seedCampaign({ leads: 1 });
    const res = await postReport(calls[0]!.id, {
      transcript: [{ role: 'caller', text: 'hel\u0000lo' }],
      summary: 'a\u0000b',
      sentiment: 'neutral',
    });
    expect(res.status).toBe(200);
    expect(await storedReport(calls[0]!.id)).toMatchObject({ transcript: [{ role: 'caller', text: 'hello' }], summary: 'ab' });
  });
});
