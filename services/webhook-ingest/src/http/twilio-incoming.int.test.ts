import request from 'supertest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ZIncomingCallEventSchema } from '@dialwave/contracts';
import { randomPrefix, waitFor } from '@dialwave/testkit';
import { startIngestHarness, type IngestHarness } from '../testing/ingest-harness';

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness();
});

afterAll(async () => {
  await h.close();
});

let numberSeq = 0;
/** A number of our own per test, so agents of different tests never share one. */
function freshOurNumber(): string {
  numberSeq += 1;
  return `+1628555${1000 + numberSeq}`;
}

async function seedOwner(options: { greeting?: string; agentName?: string } = {}) {
  const prisma = h.db.prisma;
  const user = await prisma.user.create({ data: { email: `${randomPrefix('in')}@example.com`, passwordHash: 'x', name: 'Owner' } });
  const agent = await prisma.agent.create({
    data: {
      userId: user.id,
      name: options.agentName ?? 'Front desk',
      provider: 'TWILIO',
      fromNumber: freshOurNumber(),
      ...(options.greeting ? { greeting: options.greeting } : {}),
    },
  });
  return { user, agent };
}

function incoming(callSid: string, from: string, to: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: 'ACdeadbeefdeadbeefdeadbeefdeadbeef',
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    From: from,
    To: to,
    Caller: from,
    Called: to,
    CallStatus: 'ringing',
    Direction: 'inbound',
    ...extra,
  };
}

const newSid = () => `CA${randomPrefix('in').replace(/\W/g, '')}`;

function incomingEventsFor(userId: string) {
  return h.events.filter((e) => e.channel === `events:user:${userId}` && e.type === 'incoming:call');
}

describe('POST /twilio/incoming', () => {
  it("announces a known lead's call to its owner with the lead, its history and the agent who last talked to them", async () => {
    const { user, agent } = await seedOwner({ agentName: 'Front desk' });
    const closer = await h.db.prisma.agent.create({
      data: { userId: user.id, name: 'Closer', provider: 'TWILIO', fromNumber: '+16285550999' },
    });
    const lead = await h.db.prisma.lead.create({
      data: { userId: user.id, firstName: 'Grace', lastName: 'Hopper', company: 'Navy', phone: '+14155552671' },
    });
    const earlier = await h.db.prisma.call.create({
      data: {
        userId: user.id,
        direction: 'OUTBOUND',
        status: 'COMPLETED',
        provider: 'TWILIO',
        fromNumber: closer.fromNumber,
        toNumber: lead.phone,
        leadId: lead.id,
        agentId: closer.id,
        durationSeconds: 75,
        disposition: 'CALLBACK',
        createdAt: new Date(Date.now() - 60_000),
      },
    });
    // A later call that did not connect does not make its agent the one the caller knows.
    await h.db.prisma.call.create({
      data: {
        userId: user.id,
        direction: 'OUTBOUND',
        status: 'MISSED',
        provider: 'TWILIO',
        fromNumber: agent.fromNumber,
        toNumber: lead.phone,
        leadId: lead.id,
        agentId: agent.id,
        durationSeconds: 0,
      },
    });
    const stranger = await seedOwner();

    const callSid = newSid();
    const res = await h.signedPost('/twilio/incoming', incoming(callSid, '+1 415 555 2671', agent.fromNumber));
    expect(res.status).toBe(200);

    const call = await h.db.prisma.call.findUniqueOrThrow({ where: { providerCallSid: callSid } });
    expect(call).toMatchObject({
      userId: user.id,
      direction: 'INBOUND',
      status: 'RINGING',
      leadId: lead.id,
      agentId: agent.id,
      fromNumber: '+14155552671',
      toNumber: agent.fromNumber,
    });
    const logs = await h.db.prisma.callLog.findMany({ where: { callId: call.id } });
    expect(logs.map((l) => l.event)).toEqual(['inbound:received']);

    await waitFor(() => incomingEventsFor(user.id).length === 1);
    const event = ZIncomingCallEventSchema.parse(incomingEventsFor(user.id)[0]!.payload);
    expect(event).toMatchObject({
      callId: call.id,
      phoneNumber: '+14155552671',
      lead: { id: lead.id, firstName: 'Grace', lastName: 'Hopper', company: 'Navy', status: 'NEW' },
      suggestedAgent: { id: closer.id, name: 'Closer' },
    });
    expect(event.history).toHaveLength(2);
    expect(event.history.map((entry) => entry.status)).toEqual(['MISSED', 'COMPLETED']);
    expect(event.history[1]).toMatchObject({ callId: earlier.id, direction: 'OUTBOUND', durationSeconds: 75, disposition: 'CALLBACK' });
    expect(incomingEventsFor(stranger.user.id)).toHaveLength(0);
  });

  it('makes an unknown caller an INBOUND lead named after the caller id, suggesting the agent of the number called', async () => {
    const { user, agent } = await seedOwner({ agentName: 'Reception' });
    const callSid = newSid();
    const res = await h.signedPost('/twilio/incoming', incoming(callSid, '+14155550142', agent.fromNumber, { CallerName: 'ADA LOVELACE' }));
    expect(res.status).toBe(200);
    const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { userId_phone: { userId: user.id, phone: '+14155550142' } } });
    expect(lead).toMatchObject({ source: 'INBOUND', firstName: 'ADA LOVELACE' });
    await waitFor(() => incomingEventsFor(user.id).length === 1);
    expect(incomingEventsFor(user.id)[0]!.payload).toMatchObject({
      lead: { id: lead.id },
      history: [],
      suggestedAgent: { id: agent.id, name: 'Reception' },
    });
  });

  it('names an unknown caller without caller id "Unknown caller"', async () => {
    const { user, agent } = await seedOwner();
    expect((await h.signedPost('/twilio/incoming', incoming(newSid(), '+14155550143', agent.fromNumber))).status).toBe(200);
    const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { userId_phone: { userId: user.id, phone: '+14155550143' } } });
    expect(lead).toMatchObject({ source: 'INBOUND', firstName: 'Unknown caller', lastName: null });
  });

  it('takes a withheld caller id without creating a lead', async () => {
    const { user, agent } = await seedOwner();
    const callSid = newSid();
    expect((await h.signedPost('/twilio/incoming', incoming(callSid, 'anonymous', agent.fromNumber))).status).toBe(200);
    expect(await h.db.prisma.call.findUniqueOrThrow({ where: { providerCallSid: callSid } })).toMatchObject({
      leadId: null,
      fromNumber: 'anonymous',
    });
    expect(await h.db.prisma.lead.count({ where: { userId: user.id } })).toBe(0);
    await waitFor(() => incomingEventsFor(user.id).length === 1);
    expect(incomingEventsFor(user.id)[0]!.payload).toMatchObject({ lead: null, phoneNumber: 'anonymous' });
  });

  it('creates one call, one lead and one event when the same webhook is delivered twice', async () => {
    const { user, agent } = await seedOwner();
    const params = incoming(newSid(), '+14155550144', agent.fromNumber);
    const concurrent = await Promise.all([1, 2, 3, 4].map(() => h.signedPost('/twilio/incoming', params)));
    const later = await h.signedPost('/twilio/incoming', params);
    expect([...concurrent, later].map((res) => res.status)).toEqual([200, 200, 200, 200, 200]);
    for (const res of [...concurrent, later]) expect(res.text).toContain('<Enqueue>');
    expect(await h.db.prisma.call.count({ where: { providerCallSid: params.CallSid } })).toBe(1);
    expect(await h.db.prisma.lead.count({ where: { userId: user.id } })).toBe(1);
    const call = await h.db.prisma.call.findUniqueOrThrow({ where: { providerCallSid: params.CallSid } });
    expect(await h.db.prisma.callLog.count({ where: { callId: call.id } })).toBe(1);
    await waitFor(() => incomingEventsFor(user.id).length >= 1);
    // A marker event published after the webhooks proves no late second incoming:call is still on its way.
    expect((await h.signedPost('/twilio/incoming', incoming(newSid(), '+14155550145', agent.fromNumber))).status).toBe(200);
    await waitFor(() => incomingEventsFor(user.id).length === 2);
    expect(incomingEventsFor(user.id).filter((e) => e.payload.callId === call.id)).toHaveLength(1);
  });

  it('answers a call to a number no agent owns with a polite goodbye and stores nothing', async () => {
    const callsBefore = await h.db.prisma.call.count();
    const leadsBefore = await h.db.prisma.lead.count();
    const res = await h.signedPost('/twilio/incoming', incoming(newSid(), '+14155550146', '+16285559876'));
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/xml');
    expect(res.text).toMatch(/<Response><Say>[^<]+<\/Say><Hangup\/><\/Response>$/);
    expect(res.text).not.toContain('<Enqueue');
    expect(await h.db.prisma.call.count()).toBe(callsBefore);
    expect(await h.db.prisma.lead.count()).toBe(leadsBefore);
  });

  it('refuses a forged incoming webhook with 403 and stores nothing', async () => {
    const { user, agent } = await seedOwner();
    const params = incoming(newSid(), '+14155550147', agent.fromNumber);
    const res = await request(h.app).post('/twilio/incoming').type('form').set('X-Twilio-Signature', 'Zm9yZ2Vk').send(params);
    expect(res.status).toBe(403);
    expect(await h.db.prisma.call.count({ where: { providerCallSid: params.CallSid } })).toBe(0);
    expect(await h.db.prisma.lead.count({ where: { userId: user.id } })).toBe(0);
  });

  it('greets with the agent greeting and enqueues the caller, in valid XML with markup-laden text escaped', async () => {
    const greeting = `Thanks for calling <Dial>+15550000</Dial> & "Acme" O'Brien's`;
    const { user, agent } = await seedOwner({ greeting });
    const hostileName = `<Hangup/>"&'</Say>`;
    const res = await h.signedPost('/twilio/incoming', incoming(newSid(), '+14155550148', agent.fromNumber, { CallerName: hostileName }));
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/xml');
    expect(XMLValidator.validate(res.text)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: true }).parse(res.text) as { Response: Record<string, unknown> };
    expect(parsed.Response).toEqual({ Say: greeting, Enqueue: `agent-${agent.id}` });
    expect(res.text).not.toContain('<Dial>');
    expect(res.text).not.toContain('<Hangup');
    // The hostile name is stored as data, as written.
    const lead = await h.db.prisma.lead.findUniqueOrThrow({ where: { userId_phone: { userId: user.id, phone: '+14155550148' } } });
    expect(lead.firstName).toBe(hostileName);
  });
});
