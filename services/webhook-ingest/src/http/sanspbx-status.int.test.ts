import request from 'supertest';
import { signCallToken } from '@dialwave/platform';
import { startIngestHarness, TEST_SANSPBX_SECRET, type IngestHarness, type SeededCampaign } from '../testing/ingest-harness';

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness();
});

afterAll(async () => {
  await h.close();
});

const tokenOf = (callId: string) => signCallToken(TEST_SANSPBX_SECRET, callId);
const statusPath = (callId: string, token = tokenOf(callId)) => `/sanspbx/status?callId=${callId}&token=${encodeURIComponent(token)}`;

function sansPbxCallback(callid: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    callid,
    call_to: '04155551000',
    did: '8045551234',
    start_time: '2026-11-25 17:30:00',
    end_time: '2026-11-25 17:30:43',
    duration: 43,
    billsec: 42,
    disposition: 'ANSWER',
    cause: 16,
    cause_txt: 'Normal Clearing',
    recfile: '',
    ...fields,
  };
}

async function seedSansPbxCall(): Promise<{ seeded: SeededCampaign; callId: string; sid: string }> {
  const seeded = await h.seedCampaign({ leads: 1 });
  const callId = seeded.calls[0]!.id;
  // SansPBX calls get their id from the dial response; this one's callback is the first word about it.
  await h.db.prisma.call.update({ where: { id: callId }, data: { provider: 'SANSPBX', providerCallSid: null, status: 'DIALING' } });
  return { seeded, callId, sid: `api-7-04155551000-${Date.now()}${Math.floor(Math.random() * 1000)}` };
}

/** Posts a callback and, once answered, waits until the consumer has applied what was stored. */
async function post(path: string, body: Record<string, unknown>) {
  const res = await request(h.app).post(path).send(body);
  await h.settled();
  return res;
}

const callOf = (id: string) => h.db.prisma.call.findUniqueOrThrow({ where: { id } });
const campaignOf = (seeded: SeededCampaign) => h.db.prisma.campaign.findUniqueOrThrow({ where: { id: seeded.campaignId } });

describe('POST /sanspbx/status authentication', () => {
  it.each([
    ['a wrong token', 'not-the-secret'],
    ['the deployment secret itself', TEST_SANSPBX_SECRET],
    ['a token signed with another secret', signCallToken('another-secret-of-thirty-two-chars', 'x')],
    ['an empty token', ''],
  ])('refuses %s with 403 and writes nothing', async (_what, token) => {
    const { seeded, callId, sid } = await seedSansPbxCall();
    const res = await post(statusPath(callId, token), sansPbxCallback(sid, {}));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await h.db.prisma.callLog.count({ where: { callId } })).toBe(0);
    expect(await callOf(callId)).toMatchObject({ status: 'DIALING', providerCallSid: null });
    expect((await campaignOf(seeded)).completedLeads).toBe(0);
  });

  it('refuses a callback with no token at all', async () => {
    const { callId, sid } = await seedSansPbxCall();
    const res = await request(h.app).post(`/sanspbx/status?callId=${callId}`).send(sansPbxCallback(sid, {}));
    expect(res.status).toBe(403);
    expect(await h.db.prisma.callLog.count({ where: { callId } })).toBe(0);
  });

  it('refuses the token of call A for call B, and leaves call B alone', async () => {
    const a = await seedSansPbxCall();
    const b = await seedSansPbxCall();
    const res = await request(h.app)
      .post(statusPath(b.callId, tokenOf(a.callId)))
      .send(sansPbxCallback(b.sid, {}));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.stringContaining('does not match') } });
    expect(await callOf(b.callId)).toMatchObject({ status: 'DIALING', providerCallSid: null });
    expect(await h.db.prisma.callLog.count({ where: { callId: b.callId } })).toBe(0);
  });

  it('does not apply a callback about a Twilio call even with a token minted for it: a SansPBX secret holder cannot touch Twilio calls', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const twilioCall = seeded.calls[0]!;
    // Stored (the token verifies, and Postgres is not asked on the way in), then refused by the consumer.
    const res = await post(statusPath(twilioCall.id), sansPbxCallback('api-1-0-1', { disposition: 'BUSY', billsec: 0 }));
    expect(res.status).toBe(200);
    const metrics = (await request(h.app).get('/metrics')).text;
    expect(metrics).toMatch(/callbacks_applied_total\{provider="sanspbx",call_status="busy",result="refused"[^}]*\} [1-9]/);
    expect(await callOf(twilioCall.id)).toMatchObject({
      status: 'INITIATED',
      provider: 'TWILIO',
      providerCallSid: twilioCall.providerCallSid,
    });
    expect(await h.db.prisma.callLog.count({ where: { callId: twilioCall.id } })).toBe(0);
    expect((await campaignOf(seeded)).completedLeads).toBe(0);
  });
});

describe('POST /sanspbx/status', () => {
  it('completes an answered call with billsec as its duration, keeps the carrier id and the recording URL, and counts it once', async () => {
    const { seeded, callId, sid } = await seedSansPbxCall();
    const body = sansPbxCallback(sid, { recfile: 'https://pbx.example.com/recordings/abc.wav' });
    const res = await post(statusPath(callId), body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(await callOf(callId)).toMatchObject({
      status: 'COMPLETED',
      durationSeconds: 42,
      providerCallSid: sid,
      recordingUrl: 'https://pbx.example.com/recordings/abc.wav',
    });
    const [log] = await h.db.prisma.callLog.findMany({ where: { callId } });
    expect(log).toMatchObject({ event: 'sanspbx:answer', sequence: 0, data: body });

    // The same callback again (SansPBX retries, the simulator's duplicate chaos): logged once, counted once.
    expect((await post(statusPath(callId), body)).status).toBe(200);
    expect(await h.db.prisma.callLog.count({ where: { callId } })).toBe(1);
    expect(await campaignOf(seeded)).toMatchObject({
      completedLeads: 1,
      successfulCalls: 1,
      missedCalls: 0,
      failedCalls: 0,
      totalTalkSeconds: 42,
      status: 'COMPLETED',
    });
  });

  it.each([
    ['NOANSWER', { billsec: 0, cause_txt: 'No answer' }, { status: 'MISSED', durationSeconds: 0, failureReason: null }, 'missedCalls'],
    ['BUSY', { billsec: '0', cause_txt: 'User busy' }, { status: 'BUSY', durationSeconds: 0, failureReason: null }, 'missedCalls'],
    [
      'FAILED',
      { billsec: 0, cause_txt: 'No circuit/channel available' },
      { status: 'FAILED', failureReason: 'No circuit/channel available' },
      'failedCalls',
    ],
    ['CONGESTION', { billsec: 0, cause_txt: 'Congestion' }, { status: 'FAILED', failureReason: 'Congestion' }, 'failedCalls'],
    [
      'CHANUNAVAIL',
      { billsec: 0, cause_txt: 'Channel unavailable' },
      { status: 'FAILED', failureReason: 'Channel unavailable' },
      'failedCalls',
    ],
    ['CANCEL', { billsec: 0 }, { status: 'CANCELED' }, 'failedCalls'],
    ['answered', { billsec: '0' }, { status: 'COMPLETED', durationSeconds: 0 }, 'missedCalls'],
    ['No Answer', { billsec: 0 }, { status: 'MISSED' }, 'missedCalls'],
    [
      'VOICEMAIL_ZONE',
      { billsec: 9 },
      { status: 'FAILED', failureReason: 'unknown disposition VOICEMAILZONE', durationSeconds: 0 },
      'failedCalls',
    ],
  ] as const)('maps disposition %p to our status and moves the right counter once', async (disposition, fields, expected, counter) => {
    const { seeded, callId, sid } = await seedSansPbxCall();
    const res = await post(statusPath(callId), sansPbxCallback(sid, { disposition, ...fields }));
    expect(res.status).toBe(200);
    expect(await callOf(callId)).toMatchObject(expected);
    const campaign = await campaignOf(seeded);
    expect(campaign.completedLeads).toBe(1);
    expect({ successfulCalls: campaign.successfulCalls, missedCalls: campaign.missedCalls, failedCalls: campaign.failedCalls }).toEqual({
      successfulCalls: 0,
      missedCalls: counter === 'missedCalls' ? 1 : 0,
      failedCalls: counter === 'failedCalls' ? 1 : 0,
    });
  });

  it('accepts Linkedid in place of callid and numeric strings for the numbers', async () => {
    const { callId, sid } = await seedSansPbxCall();
    const body = sansPbxCallback('', { billsec: '17', duration: '18', cause: '16' });
    delete body.callid;
    const res = await post(statusPath(callId), { ...body, Linkedid: sid });
    expect(res.status).toBe(200);
    expect(await callOf(callId)).toMatchObject({ status: 'COMPLETED', durationSeconds: 17, providerCallSid: sid });
  });

  it('does not keep a recfile that is only a path on the PBX', async () => {
    const { callId, sid } = await seedSansPbxCall();
    expect((await post(statusPath(callId), sansPbxCallback(sid, { recfile: '2026/11/25/abc.wav' }))).status).toBe(200);
    expect(await callOf(callId)).toMatchObject({ status: 'COMPLETED', recordingUrl: null });
  });

  it('answers 400 naming the field for a callback without a disposition, and writes nothing', async () => {
    const { callId, sid } = await seedSansPbxCall();
    const body = sansPbxCallback(sid, {});
    delete body.disposition;
    const res = await post(statusPath(callId), body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('disposition');
    expect(await h.db.prisma.callLog.count({ where: { callId } })).toBe(0);
  });

  it('answers 400 for a non-numeric billsec', async () => {
    const { callId, sid } = await seedSansPbxCall();
    const res = await post(statusPath(callId), sansPbxCallback(sid, { billsec: 'lots' }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('billsec');
  });

  it('stores a callback for a callId we do not know, and the consumer settles it as unknown without writing', async () => {
    const before = await h.db.prisma.callLog.count();
    const res = await post(statusPath('0b8f9c3e-0000-4000-8000-000000000000'), sansPbxCallback('api-1-0-1', {}));
    expect(res.status).toBe(200);
    expect(await h.db.prisma.callLog.count()).toBe(before);
    expect((await request(h.app).get('/metrics')).text).toMatch(
      /callbacks_applied_total\{provider="sanspbx",call_status="answer",result="unknown"[^}]*\} [1-9]/,
    );
  });

  it('does not move a call that already ended', async () => {
    const { seeded, callId, sid } = await seedSansPbxCall();
    expect((await post(statusPath(callId), sansPbxCallback(sid, { disposition: 'BUSY', billsec: 0 }))).status).toBe(200);
    expect((await post(statusPath(callId), sansPbxCallback(sid, { disposition: 'ANSWER', billsec: 30 }))).status).toBe(200);
    expect(await callOf(callId)).toMatchObject({ status: 'BUSY', durationSeconds: 0 });
    expect(await campaignOf(seeded)).toMatchObject({ completedLeads: 1, missedCalls: 1, successfulCalls: 0 });
  });
});
