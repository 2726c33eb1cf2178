import request from 'supertest';
import twilio from 'twilio';
import { waitFor } from '@dialwave/testkit';
import {
  startIngestHarness,
  TEST_AUTH_TOKEN,
  TEST_PUBLIC_URL,
  twilioCallback,
  type IngestHarness,
  type SeededCampaign,
} from '../testing/ingest-harness';

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness();
});

afterAll(async () => {
  await h.close();
});

const statusPath = (callId: string) => `/twilio/status?callId=${callId}`;

async function logsOf(callId: string) {
  return h.db.prisma.callLog.findMany({ where: { callId }, orderBy: [{ sequence: 'asc' }, { timestamp: 'asc' }] });
}

async function campaignOf(seeded: SeededCampaign) {
  return h.db.prisma.campaign.findUniqueOrThrow({ where: { id: seeded.campaignId } });
}

function eventsFor(seeded: SeededCampaign, type: string) {
  return h.events.filter((e) => e.channel === `events:user:${seeded.userId}` && e.type === type);
}

describe('POST /twilio/status signature checks', () => {
  it('refuses a forged signature with 403 and writes nothing', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    const params = twilioCallback(call.providerCallSid, 'completed', 0, { CallDuration: '30' });
    const res = await request(h.app).post(statusPath(call.id)).type('form').set('X-Twilio-Signature', 'bm90IGEgc2lnbmF0dXJl').send(params);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await logsOf(call.id)).toHaveLength(0);
    expect((await h.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).status).toBe('INITIATED');
    expect((await campaignOf(seeded)).completedLeads).toBe(0);
  });

  it('refuses a request with no signature with 403', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    const res = await request(h.app)
      .post(statusPath(call.id))
      .type('form')
      .send(twilioCallback(call.providerCallSid, 'ringing', 0));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await logsOf(call.id)).toHaveLength(0);
  });

  it('refuses a callback signed for another callId (the query is part of the signed URL)', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    const params = twilioCallback(call.providerCallSid, 'ringing', 0);
    const signature = twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, TEST_PUBLIC_URL + statusPath('someone-else'), params);
    const res = await request(h.app).post(statusPath(call.id)).type('form').set('X-Twilio-Signature', signature).send(params);
    expect(res.status).toBe(403);
    expect(await logsOf(call.id)).toHaveLength(0);
  });
});

describe('POST /twilio/status', () => {
  it('stores a callback for an unknown callId (200), which the consumer settles as unknown without writing', async () => {
    const before = await h.db.prisma.callLog.count();
    const res = await h.signedPost(statusPath('0b8f9c3e-0000-4000-8000-000000000000'), twilioCallback('CAunknown', 'ringing', 0));
    expect(res.status).toBe(200);
    expect(await h.db.prisma.callLog.count()).toBe(before);
  });

  it('settles a callback without callId whose CallSid we do not know as unknown', async () => {
    const before = await h.db.prisma.callLog.count();
    const res = await h.signedPost('/twilio/status', twilioCallback('CAnobodyknows', 'ringing', 0));
    expect(res.status).toBe(200);
    expect(await h.db.prisma.callLog.count()).toBe(before);
  });

  it('refuses an undocumented CallStatus with 400 naming CallStatus, and writes nothing', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    const res = await h.signedPost(statusPath(call.id), twilioCallback(call.providerCallSid, 'teleported', 0));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: [{ field: 'CallStatus' }] } });
    expect(await logsOf(call.id)).toHaveLength(0);
  });

  it('moves a call through initiated → ringing → in-progress → completed, logging each step and counting the lead once', async () => {
    const seeded = await h.seedCampaign({ leads: 2 });
    const call = seeded.calls[0]!;
    const steps: [string, Record<string, string>][] = [
      ['initiated', {}],
      ['ringing', {}],
      ['in-progress', { AnsweredBy: 'human' }],
      ['completed', { CallDuration: '17', Duration: '1', AnsweredBy: 'human' }],
    ];
    for (const [i, [status, extra]] of steps.entries()) {
      const res = await h.signedPost(statusPath(call.id), twilioCallback(call.providerCallSid, status, i, extra));
      expect(res.status).toBe(200);
      expect(res.type).toBe('text/xml');
      expect(res.text).toContain('<Response/>');
    }
    const stored = await h.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } });
    expect(stored).toMatchObject({ status: 'COMPLETED', durationSeconds: 17, answeredBy: 'human', lastSequence: 3 });
    expect(stored.answeredAt).not.toBeNull();
    expect(stored.endedAt).not.toBeNull();
    const logs = await logsOf(call.id);
    expect(logs.map((l) => [l.event, l.sequence])).toEqual([
      ['twilio:initiated', 0],
      ['twilio:ringing', 1],
      ['twilio:in-progress', 2],
      ['twilio:completed', 3],
    ]);
    expect(logs[3]!.data).toMatchObject({ CallSid: call.providerCallSid, CallStatus: 'completed', CallDuration: '17' });
    expect(await campaignOf(seeded)).toMatchObject({
      status: 'RUNNING',
      completedLeads: 1,
      successfulCalls: 1,
      missedCalls: 0,
      failedCalls: 0,
      totalTalkSeconds: 17,
    });
  });

  it('answers 200 to a duplicate delivery (same SequenceNumber) without a second log or count', async () => {
    const seeded = await h.seedCampaign({ leads: 2 });
    const call = seeded.calls[0]!;
    const completed = twilioCallback(call.providerCallSid, 'completed', 2, { CallDuration: '9' });
    expect((await h.signedPost(statusPath(call.id), completed)).status).toBe(200);
    const res = await h.signedPost(statusPath(call.id), completed);
    expect(res.status).toBe(200);
    expect(await logsOf(call.id)).toHaveLength(1);
    expect(await campaignOf(seeded)).toMatchObject({ completedLeads: 1, successfulCalls: 1, totalTalkSeconds: 9 });
  });

  it('logs a ringing callback that arrives after completed as ignored and keeps the call COMPLETED', async () => {
    const seeded = await h.seedCampaign({ leads: 2 });
    const call = seeded.calls[0]!;
    expect(
      (await h.signedPost(statusPath(call.id), twilioCallback(call.providerCallSid, 'completed', 3, { CallDuration: '5' }))).status,
    ).toBe(200);
    expect((await h.signedPost(statusPath(call.id), twilioCallback(call.providerCallSid, 'ringing', 1))).status).toBe(200);
    expect((await h.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).status).toBe('COMPLETED');
    const ringing = (await logsOf(call.id)).find((l) => l.event === 'twilio:ringing');
    expect(ringing?.details).toMatch(/^ignored/);
    expect(await campaignOf(seeded)).toMatchObject({ completedLeads: 1, successfulCalls: 1 });
  });

  it('moves the counters once when one call gets two different terminal callbacks', async () => {
    const seeded = await h.seedCampaign({ leads: 2 });
    const call = seeded.calls[0]!;
    expect((await h.signedPost(statusPath(call.id), twilioCallback(call.providerCallSid, 'busy', 1, { CallDuration: '0' }))).status).toBe(
      200,
    );
    expect(
      (
        await h.signedPost(
          statusPath(call.id),
          twilioCallback(call.providerCallSid, 'failed', 2, { CallDuration: '0', SipResponseCode: '503' }),
        )
      ).status,
    ).toBe(200);
    expect(await h.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({ status: 'BUSY', failureReason: null });
    expect(await campaignOf(seeded)).toMatchObject({ completedLeads: 1, missedCalls: 1, failedCalls: 0 });
  });

  it('finds the call by CallSid when the callback carries no callId', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    const res = await h.signedPost('/twilio/status', twilioCallback(call.providerCallSid, 'ringing', 0));
    expect(res.status).toBe(200);
    expect((await h.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).status).toBe('RINGING');
  });

  it("records a failed call's reason from Twilio's error fields", async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    const params = twilioCallback(call.providerCallSid, 'failed', 1, {
      CallDuration: '0',
      ErrorCode: '31005',
      ErrorMessage: 'Connection error',
    });
    expect((await h.signedPost(statusPath(call.id), params)).status).toBe(200);
    expect(await h.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).toMatchObject({
      status: 'FAILED',
      failureReason: 'twilio error 31005: Connection error',
    });
    expect(await campaignOf(seeded)).toMatchObject({ failedCalls: 1, completedLeads: 1 });
  });

  it("completes the campaign exactly once on the last lead's terminal callback, and publishes the user's events", async () => {
    const seeded = await h.seedCampaign({ leads: 2 });
    const [first, last] = seeded.calls as [SeededCampaign['calls'][number], SeededCampaign['calls'][number]];

    expect((await h.signedPost(statusPath(first.id), twilioCallback(first.providerCallSid, 'ringing', 0))).status).toBe(200);
    expect(
      (await h.signedPost(statusPath(first.id), twilioCallback(first.providerCallSid, 'completed', 1, { CallDuration: '12' }))).status,
    ).toBe(200);
    expect((await campaignOf(seeded)).status).toBe('RUNNING');
    expect(
      (await h.signedPost(statusPath(last.id), twilioCallback(last.providerCallSid, 'no-answer', 0, { CallDuration: '0' }))).status,
    ).toBe(200);
    const completed = await campaignOf(seeded);
    expect(completed).toMatchObject({ status: 'COMPLETED', completedLeads: 2, successfulCalls: 1, missedCalls: 1 });
    expect(completed.completedAt).not.toBeNull();

    // Late terminal callbacks for the same call change nothing.
    expect(
      (await h.signedPost(statusPath(last.id), twilioCallback(last.providerCallSid, 'completed', 1, { CallDuration: '3' }))).status,
    ).toBe(200);
    expect(
      (await h.signedPost(statusPath(last.id), twilioCallback(last.providerCallSid, 'no-answer', 0, { CallDuration: '0' }))).status,
    ).toBe(200);
    expect(await campaignOf(seeded)).toMatchObject({ status: 'COMPLETED', completedLeads: 2, completedAt: completed.completedAt });

    // Pub/sub keeps one publisher's order, so once this marker arrives every earlier event has too.
    const marker = await h.seedCampaign({ leads: 1 });
    expect(
      (await h.signedPost(statusPath(marker.calls[0]!.id), twilioCallback(marker.calls[0]!.providerCallSid, 'ringing', 0))).status,
    ).toBe(200);
    await waitFor(() => h.events.some((e) => e.channel === `events:user:${marker.userId}`), { what: 'the marker event' });

    expect(eventsFor(seeded, 'call:status-updated').map((e) => e.payload)).toEqual([
      {
        callId: first.id,
        campaignId: seeded.campaignId,
        leadName: 'Lead0 Smith',
        phone: '+14155551000',
        status: 'RINGING',
        durationSeconds: null,
        at: expect.any(String),
      },
      {
        callId: first.id,
        campaignId: seeded.campaignId,
        leadName: 'Lead0 Smith',
        phone: '+14155551000',
        status: 'COMPLETED',
        durationSeconds: 12,
        at: expect.any(String),
      },
      {
        callId: last.id,
        campaignId: seeded.campaignId,
        leadName: 'Lead1 Smith',
        phone: '+14155551001',
        status: 'MISSED',
        durationSeconds: 0,
        at: expect.any(String),
      },
    ]);
    expect(eventsFor(seeded, 'campaign:progress').map((e) => e.payload)).toEqual([
      expect.objectContaining({ campaignId: seeded.campaignId, status: 'RUNNING', completedLeads: 1, successfulCalls: 1 }),
    ]);
    expect(eventsFor(seeded, 'campaign:completed').map((e) => e.payload)).toEqual([
      expect.objectContaining({ campaignId: seeded.campaignId, status: 'COMPLETED', totalLeads: 2, completedLeads: 2, missedCalls: 1 }),
    ]);
    // Nothing of this user's leaked onto another user's channel.
    expect(
      h.events.filter((e) => e.channel === `events:user:${marker.userId}`).every((e) => e.payload.callId === marker.calls[0]!.id),
    ).toBe(true);
  });
});

describe('webhook-ingest operations endpoints', () => {
  it('is ready when Redis answers (callbacks are stored there; Postgres may come later)', async () => {
    const res = await request(h.app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
  });

  it('counts webhooks by provider, CallStatus and result, and status transitions', async () => {
    const res = await request(h.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/webhooks_received_total\{provider="twilio",call_status="completed",result="accepted"[^}]*\} \d+/);
    expect(res.text).toMatch(/webhooks_received_total\{provider="twilio",call_status="unverified",result="forged"[^}]*\} \d+/);
    expect(res.text).toMatch(/callbacks_applied_total\{provider="twilio",call_status="completed",result="applied"[^}]*\} \d+/);
    expect(res.text).toMatch(/callbacks_applied_total\{provider="twilio",call_status="completed",result="duplicate"[^}]*\} \d+/);
    expect(res.text).toMatch(/callbacks_applied_total\{provider="twilio",call_status="ringing",result="stale"[^}]*\} \d+/);
    expect(res.text).toMatch(/callbacks_applied_total\{provider="twilio",call_status="ringing",result="unknown"[^}]*\} \d+/);
    expect(res.text).toMatch(/callback_backlog\{[^}]*\} 0/);
    expect(res.text).toMatch(/callback_batch_size_count\{[^}]*\} [1-9]/);
    expect(res.text).toMatch(/call_status_transitions_total\{status="COMPLETED"[^}]*\} \d+/);
    expect(res.text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/twilio\/status"/);
  });
});
