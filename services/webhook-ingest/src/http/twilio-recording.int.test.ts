import request from 'supertest';
import { startIngestHarness, type IngestHarness } from '../testing/ingest-harness';

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness();
});

afterAll(async () => {
  await h.close();
});

function recordingCallback(callSid: string, recordingSid: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: 'ACdeadbeefdeadbeefdeadbeefdeadbeef',
    CallSid: callSid,
    RecordingSid: recordingSid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/ACdeadbeefdeadbeefdeadbeefdeadbeef/Recordings/${recordingSid}`,
    RecordingStatus: 'completed',
    RecordingDuration: '12',
    RecordingChannels: '1',
    RecordingSource: 'StartCallRecordingAPI',
    ErrorCode: '0',
    ...extra,
  };
}

describe('POST /twilio/recording', () => {
  it('stores the recording URL on the call and logs recording:completed once per RecordingSid', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    const params = recordingCallback(call.providerCallSid, 'RE00000000000000000000000000000001');
    expect((await h.signedPost(`/twilio/recording?callId=${call.id}`, params)).status).toBe(200);
    expect((await h.signedPost(`/twilio/recording?callId=${call.id}`, params)).status).toBe(200);
    expect((await h.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).recordingUrl).toBe(params.RecordingUrl);
    const logs = await h.db.prisma.callLog.findMany({ where: { callId: call.id } });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ event: 'recording:completed', details: params.RecordingSid, data: params });
  });

  it('keeps a second recording of the same call as its own log row and the latest URL', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    const first = recordingCallback(call.providerCallSid, 'RE00000000000000000000000000000002');
    const second = recordingCallback(call.providerCallSid, 'RE00000000000000000000000000000003');
    expect((await h.signedPost(`/twilio/recording?callId=${call.id}`, first)).status).toBe(200);
    expect((await h.signedPost(`/twilio/recording?callId=${call.id}`, second)).status).toBe(200);
    expect((await h.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).recordingUrl).toBe(second.RecordingUrl);
    expect(await h.db.prisma.callLog.count({ where: { callId: call.id, event: 'recording:completed' } })).toBe(2);
  });

  it('logs a failed recording without storing a URL', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    expect(
      (
        await h.signedPost(
          `/twilio/recording?callId=${call.id}`,
          recordingCallback(call.providerCallSid, 'RE00000000000000000000000000000004', { RecordingStatus: 'failed' }),
        )
      ).status,
    ).toBe(200);
    expect((await h.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).recordingUrl).toBeNull();
    expect(await h.db.prisma.callLog.count({ where: { callId: call.id, event: 'recording:failed' } })).toBe(1);
  });

  it('stores a report for a callId we do not know, which the consumer settles without writing', async () => {
    const params = recordingCallback('CAnobody', 'RE00000000000000000000000000000006');
    const before = await h.db.prisma.callLog.count();
    expect((await h.signedPost('/twilio/recording?callId=0b8f9c3e-0000-4000-8000-000000000000', params)).status).toBe(200);
    expect(await h.db.prisma.callLog.count()).toBe(before);
  });

  it('refuses a forged recording callback with 403 and stores nothing', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    const params = recordingCallback(call.providerCallSid, 'RE00000000000000000000000000000005');
    const forged = await request(h.app)
      .post(`/twilio/recording?callId=${call.id}`)
      .type('form')
      .set('X-Twilio-Signature', 'Zm9yZ2Vk')
      .send(params);
    expect(forged.status).toBe(403);
    expect((await h.db.prisma.call.findUniqueOrThrow({ where: { id: call.id } })).recordingUrl).toBeNull();
    expect(await h.db.prisma.callLog.count({ where: { callId: call.id } })).toBe(0);
  });
});
