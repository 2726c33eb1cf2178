import request from 'supertest';
import { startApiHarness, type ApiHarness, type TestUser } from '../testing/api-harness';

describe('campaign dialing settings', () => {
  let h: ApiHarness;
  let alice: TestUser;
  let agentId: string;
  let leadId: string;
  beforeAll(async () => {
    h = await startApiHarness({ defaultCallingWindows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00' }] });
    alice = await h.signup('alice');
    agentId = (
      await request(h.app)
        .post('/api/agents')
        .set('Authorization', alice.auth)
        .send({ name: 'A', provider: 'simulator', fromNumber: '+15005550006' })
    ).body.id;
    leadId = (await request(h.app).post('/api/leads').set('Authorization', alice.auth).send({ firstName: 'L', phone: '+14155550180' })).body
      .id;
  });
  afterAll(async () => {
    await h.close();
  });

  const create = (body: Record<string, unknown>) =>
    request(h.app)
      .post('/api/campaigns')
      .set('Authorization', alice.auth)
      .send({ agentId, leadIds: [leadId], campaignName: 'Settings', ...body });

  it('stores schedule, retry and answering-machine settings and shows them back, SCHEDULED until its start', async () => {
    const startAt = new Date(Date.now() + 3_600_000).toISOString();
    const res = await create({
      schedule: { startAt, timezone: 'Asia/Kolkata', windows: [{ days: [1, 2, 3, 4, 5], start: '10:00', end: '18:00' }] },
      retry: { maxAttempts: 3, delaySeconds: 120, on: ['BUSY'] },
      answeringMachine: { action: 'voicemail', message: 'Please call us back.' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('SCHEDULED');
    const campaign = (await request(h.app).get(`/api/campaigns/${res.body.campaignId}`).set('Authorization', alice.auth)).body;
    expect(campaign).toMatchObject({
      status: 'SCHEDULED',
      startedAt: null,
      schedule: { startAt, timezone: 'Asia/Kolkata', windows: [{ days: [1, 2, 3, 4, 5], start: '10:00', end: '18:00' }] },
      retry: { maxAttempts: 3, delaySeconds: 120, on: ['BUSY'] },
      answeringMachine: { action: 'voicemail', message: 'Please call us back.' },
    });
    expect(campaign.stats).toMatchObject({ voicemailCalls: 0, waitingLeads: 0, retryPendingLeads: 0, skippedLeads: 0 });
    // Pause and cancel work before the start.
    expect((await request(h.app).patch(`/api/campaigns/${res.body.campaignId}/pause`).set('Authorization', alice.auth)).body.status).toBe(
      'PAUSED',
    );
    expect((await request(h.app).patch(`/api/campaigns/${res.body.campaignId}/resume`).set('Authorization', alice.auth)).body.status).toBe(
      'SCHEDULED',
    );
    expect((await request(h.app).patch(`/api/campaigns/${res.body.campaignId}/cancel`).set('Authorization', alice.auth)).body.status).toBe(
      'CANCELED',
    );
  });

  it('takes the deployment’s DEFAULT_CALLING_WINDOWS and one attempt when the request names none', async () => {
    const res = await create({});
    const campaign = (await request(h.app).get(`/api/campaigns/${res.body.campaignId}`).set('Authorization', alice.auth)).body;
    expect(campaign.schedule.windows).toEqual([{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00' }]);
    expect(campaign.retry).toEqual({ maxAttempts: 1, delaySeconds: 3600, on: ['BUSY', 'MISSED'] });
    expect(campaign.answeringMachine).toEqual({ action: 'continue', message: null });
  });

  it.each([
    [{ schedule: { windows: [{ days: [1], start: '20:00', end: '09:00' }] } }, 'schedule.windows.0.end'],
    [{ schedule: { windows: [{ days: [8], start: '09:00', end: '20:00' }] } }, 'schedule.windows.0.days.0'],
    [{ schedule: { timezone: 'Mars/Olympus' } }, 'schedule.timezone'],
    [{ retry: { maxAttempts: 11 } }, 'retry.maxAttempts'],
    [{ retry: { on: ['COMPLETED'] } }, 'retry.on.0'],
    [{ answeringMachine: { action: 'voicemail' } }, 'answeringMachine.message'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});
