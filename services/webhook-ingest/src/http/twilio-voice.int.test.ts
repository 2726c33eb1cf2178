import request from 'supertest';
import { XMLParser } from 'fast-xml-parser';
import { verifyCallToken } from '@dialwave/platform';
import { startIngestHarness, TEST_AGENT_REPORT_SECRET, TEST_PUBLIC_URL, type IngestHarness } from '../testing/ingest-harness';

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness();
});

afterAll(async () => {
  await h.close();
});

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

function answered(callSid: string) {
  return { AccountSid: 'ACdeadbeefdeadbeefdeadbeefdeadbeef', CallSid: callSid, CallStatus: 'in-progress', Direction: 'outbound-api' };
}

describe('POST /twilio/voice', () => {
  it("greets with the agent's greeting and records when the agent records calls", async () => {
    const seeded = await h.seedCampaign({ leads: 1, greeting: 'Hello from Acme Solar.', recordCalls: true });
    const call = seeded.calls[0]!;
    const res = await h.signedPost(`/twilio/voice?callId=${call.id}`, answered(call.providerCallSid));
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/xml');
    const actionUrl = `${TEST_PUBLIC_URL}/twilio/voice?callId=${call.id}&amp;step=recorded`;
    expect(res.text).toBe(
      `${XML_DECLARATION}<Response><Say>Hello from Acme Solar.</Say><Record action="${actionUrl}" method="POST" playBeep="false"/><Hangup/></Response>`,
    );
  });

  it('greets, pauses and hangs up when the agent does not record', async () => {
    const seeded = await h.seedCampaign({ leads: 1, greeting: 'Hi there.', recordCalls: false });
    const call = seeded.calls[0]!;
    const res = await h.signedPost(`/twilio/voice?callId=${call.id}`, answered(call.providerCallSid));
    expect(res.status).toBe(200);
    expect(res.text).toBe(`${XML_DECLARATION}<Response><Say>Hi there.</Say><Pause length="1"/><Hangup/></Response>`);
    expect(res.text).not.toContain('<Record');
  });

  it('escapes markup, ampersands and quotes in the greeting instead of injecting TwiML', async () => {
    const greeting = `Hi <Dial>+15550000</Dial> & "welcome" to O'Brien's`;
    const seeded = await h.seedCampaign({ leads: 1, greeting });
    const call = seeded.calls[0]!;
    const res = await h.signedPost(`/twilio/voice?callId=${call.id}`, answered(call.providerCallSid));
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<Dial>');
    const say = /<Say>([^<]*)<\/Say>/.exec(res.text)?.[1];
    expect(say).toBe(`Hi &lt;Dial&gt;+15550000&lt;/Dial&gt; &amp; "welcome" to O'Brien's`);
    expect(decodeXmlText(say!)).toBe(greeting);
  });

  it("connects the call to the agent's voice runtime with the call's parameters and its own report URL", async () => {
    const greeting = `Hi <there> & "welcome"`;
    const seeded = await h.seedCampaign({
      leads: 1,
      greeting,
      recordCalls: true,
      voiceRuntimeUrl: 'wss://agents.example.com/acme?tenant=1&x=2',
    });
    const call = seeded.calls[0]!;
    const res = await h.signedPost(`/twilio/voice?callId=${call.id}`, answered(call.providerCallSid));
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/xml');
    expect(res.text).not.toContain('<Say>');
    expect(res.text).not.toContain('<Record');

    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(res.text) as {
      Response: { Connect: { Stream: { url: string; Parameter: { name: string; value: string }[] } } };
    };
    const stream = parsed.Response.Connect.Stream;
    expect(stream.url).toBe('wss://agents.example.com/acme?tenant=1&x=2');
    const params = Object.fromEntries(stream.Parameter.map((p) => [p.name, p.value]));
    expect(params).toEqual({ callId: call.id, leadName: 'Lead0 Smith', greeting, reportUrl: expect.any(String) });
    const reportUrl = new URL(params.reportUrl!);
    expect(`${reportUrl.origin}${reportUrl.pathname}`).toBe(`${TEST_PUBLIC_URL}/agent/report`);
    expect(reportUrl.searchParams.get('callId')).toBe(call.id);
    expect(verifyCallToken(TEST_AGENT_REPORT_SECRET, call.id, reportUrl.searchParams.get('token') ?? undefined)).toBe(true);

    // The runtime can post to exactly the URL it was handed.
    const report = await request(h.app)
      .post(reportUrl.pathname + reportUrl.search)
      .send({ transcript: [{ role: 'caller', text: 'Sounds good.' }], sentiment: 'positive' });
    expect(report.status).toBe(200);
  });

  it('answers a machine as the campaign says: hang up, leave the message after the beep, or play on', async () => {
    const cases = [
      { action: 'hangup', message: null, answeredBy: 'machine_start', want: `${XML_DECLARATION}<Response><Hangup/></Response>` },
      {
        action: 'voicemail',
        message: 'Call us at 5 & ask for Jo.',
        answeredBy: 'machine_end_beep',
        want: `${XML_DECLARATION}<Response><Say>Call us at 5 &amp; ask for Jo.</Say><Hangup/></Response>`,
      },
      {
        action: 'continue',
        message: null,
        answeredBy: 'machine_start',
        want: `${XML_DECLARATION}<Response><Say>Hi there.</Say><Pause length="1"/><Hangup/></Response>`,
      },
      // A person hears the greeting whatever the campaign does with machines.
      {
        action: 'voicemail',
        message: 'Call us.',
        answeredBy: 'human',
        want: `${XML_DECLARATION}<Response><Say>Hi there.</Say><Pause length="1"/><Hangup/></Response>`,
      },
    ];
    for (const c of cases) {
      const seeded = await h.seedCampaign({ leads: 1, greeting: 'Hi there.', recordCalls: false });
      await h.db.prisma.campaign.update({
        where: { id: seeded.campaignId },
        data: { answeringMachine: c.action, voicemailMessage: c.message },
      });
      const call = seeded.calls[0]!;
      const res = await h.signedPost(`/twilio/voice?callId=${call.id}`, { ...answered(call.providerCallSid), AnsweredBy: c.answeredBy });
      expect({ ...c, got: res.text }).toEqual({ ...c, got: c.want });
    }
  });

  it('finds the call by CallSid when the URL carries no callId', async () => {
    const seeded = await h.seedCampaign({ leads: 1, greeting: 'Found by sid.' });
    const call = seeded.calls[0]!;
    const res = await h.signedPost('/twilio/voice', answered(call.providerCallSid));
    expect(res.text).toContain('<Say>Found by sid.</Say>');
  });

  it('politely hangs up on a call we do not know', async () => {
    const res = await h.signedPost('/twilio/voice?callId=no-such-call', answered('CAnobody'));
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^<\?xml[^>]*\?><Response><Say>[^<]+<\/Say><Hangup\/><\/Response>$/);
  });

  it('hangs up once the recording has ended', async () => {
    const seeded = await h.seedCampaign({ leads: 1, recordCalls: true });
    const call = seeded.calls[0]!;
    const res = await h.signedPost(`/twilio/voice?callId=${call.id}&step=recorded`, {
      ...answered(call.providerCallSid),
      RecordingUrl: 'https://api.twilio.com/recordings/RE1',
    });
    expect(res.text).toBe(`${XML_DECLARATION}<Response><Hangup/></Response>`);
  });

  it('refuses a voice request whose signature does not verify', async () => {
    const seeded = await h.seedCampaign({ leads: 1 });
    const call = seeded.calls[0]!;
    const res = await request(h.app)
      .post(`/twilio/voice?callId=${call.id}`)
      .type('form')
      .set('X-Twilio-Signature', 'Zm9yZ2Vk')
      .send(answered(call.providerCallSid));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

function decodeXmlText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
