import { Prisma } from '@dialwave/db';
import { waitFor } from '@dialwave/testkit';
import { outcomePhone } from './helpers/carrier-outcomes';
import { DEADLINES } from './helpers/deadlines';
import { startOutboundSuite, type OutboundSuite } from './helpers/outbound-suite';
import { signUpCaller, waitForCampaignStatus } from './helpers/outbound-scenario';

/** Every user of this suite may have at most this many live calls, across campaigns and dialers. */
const TENANT_CAP = 3;
/** The simulator's nominal seconds are 10 ms here: a DetectMessageEnd greeting is 4 s. */
const MACHINE_GREETING_SECONDS = 4;

/** The whole-hour UTC offsets Etc/GMT zones cover (Etc/GMT-14 is UTC+14, Etc/GMT+12 is UTC-12). */
const GMT_ZONES = Array.from({ length: 27 }, (_, i) => i - 12).map((offset) =>
  offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`,
);

function localHour(zone: string, at = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(at));
}

describe('dialing rules end to end: calling windows, retries, scheduled start, voicemail, the tenant cap', () => {
  let suite: OutboundSuite;

  beforeAll(async () => {
    const limits = { TENANT_MAX_CONCURRENT_CALLS: String(TENANT_CAP) };
    suite = await startOutboundSuite({
      dialers: 2,
      serviceEnv: {
        // A fast sweep wakes retries and scheduled starts promptly at this time scale.
        'dialer-worker': { SWEEP_INTERVAL_MS: '200', ...limits },
        'campaign-api': limits,
      },
    });
  }, DEADLINES.suiteStartMs);

  afterAll(async () => {
    await suite?.stop();
  }, DEADLINES.stopMs);

  it(
    'dials the lead inside its calling hours only; the other waits, the campaign stays RUNNING with waitingLeads 1',
    () =>
      suite.withLogsOnFailure(async () => {
        const { api, agentId } = await signUpCaller(suite.stack.apiUrl);
        // 10:00–16:00 in each lead's own zone: one zone where that is now, one where it is night.
        const open = GMT_ZONES.find((zone) => localHour(zone) >= 11 && localHour(zone) <= 14)!;
        const closed = GMT_ZONES.find((zone) => localHour(zone) >= 18 || localHour(zone) <= 6)!;
        const inside = await api.createLead({ firstName: 'Inside', phone: outcomePhone(1, '30'), timezone: open });
        const outside = await api.createLead({ firstName: 'Outside', phone: outcomePhone(2, '30'), timezone: closed });
        const { campaignId } = await api.createCampaign({
          agentId,
          campaignName: 'Calling hours',
          leadIds: [inside.id, outside.id],
          schedule: { windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '10:00', end: '16:00' }] },
        });

        await waitFor(async () => (await api.getCampaign(campaignId)).completedLeads === 1, {
          what: 'the inside lead’s call to end',
          timeoutMs: DEADLINES.stepMs,
        });
        const campaign = await api.getCampaign(campaignId);
        expect(campaign.status).toBe('RUNNING');
        expect(campaign.stats).toMatchObject({ waitingLeads: 1, completedLeads: 1, activeCalls: 0, nextDialZone: closed });
        expect(Date.parse(campaign.stats.nextDialAt!)).toBeGreaterThan(Date.now());
        expect(suite.tap.dialsPerNumber().get(inside.phone)).toBe(1);
        expect(suite.tap.dialsPerNumber().has(outside.phone)).toBe(false);
        // Waiting leads cost no queue jobs: only the finished one ever had one.
        const queued = await suite.db.prisma.campaignLead.count({ where: { campaignId, state: { in: ['QUEUED', 'IN_PROGRESS'] } } });
        expect(queued).toBe(0);
        await api.cancelCampaign(campaignId);
      }),
    DEADLINES.testMs,
  );

  it(
    'dials busy leads exactly maxAttempts times, each attempt its own call, spaced by at least delaySeconds, and counts each lead once',
    () =>
      suite.withLogsOnFailure(async () => {
        const { api, agentId } = await signUpCaller(suite.stack.apiUrl);
        const busy = [
          await api.createLead({ firstName: 'Busy', phone: outcomePhone(10, '07') }),
          await api.createLead({ firstName: 'Busier', phone: outcomePhone(11, '17') }),
        ];
        const { campaignId } = await api.createCampaign({
          agentId,
          campaignName: 'Retries',
          leadIds: busy.map((lead) => lead.id),
          retry: { maxAttempts: 3, delaySeconds: 1, on: ['BUSY'] },
        });
        const finished = await waitForCampaignStatus(api, campaignId, 'COMPLETED');
        expect(finished).toMatchObject({ completedLeads: 2, missedCalls: 2, successfulCalls: 0, failedCalls: 0 });
        for (const lead of busy) {
          const dials = suite.tap.dials.filter((dial) => dial.to === lead.phone).map((dial) => dial.at);
          expect(dials).toHaveLength(3);
          for (let i = 1; i < dials.length; i++) expect(dials[i]! - dials[i - 1]!).toBeGreaterThanOrEqual(1000);
          const calls = await suite.db.prisma.call.findMany({ where: { campaignId, leadId: lead.id }, orderBy: { attempt: 'asc' } });
          expect(calls.map((call) => [call.attempt, call.status])).toEqual([
            [1, 'BUSY'],
            [2, 'BUSY'],
            [3, 'BUSY'],
          ]);
          expect(await suite.db.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
            status: 'NO_ANSWER',
            attempts: 3,
          });
        }
      }),
    DEADLINES.testMs,
  );

  it(
    'starts a scheduled campaign on time, on whichever dialer takes its start',
    () =>
      suite.withLogsOnFailure(async () => {
        const { api, agentId } = await signUpCaller(suite.stack.apiUrl);
        const lead = await api.createLead({ firstName: 'Later', phone: outcomePhone(20, '20') });
        const startAt = new Date(Date.now() + 3000);
        const created = await api.createCampaign({
          agentId,
          campaignName: 'Scheduled',
          leadIds: [lead.id],
          schedule: { startAt: startAt.toISOString() },
        });
        expect(created.status).toBe('SCHEDULED');
        expect((await api.getCampaign(created.campaignId)).status).toBe('SCHEDULED');
        const finished = await waitForCampaignStatus(api, created.campaignId, 'COMPLETED');
        const startedAt = Date.parse(finished.startedAt!);
        expect(startedAt).toBeGreaterThanOrEqual(startAt.getTime());
        expect(startedAt - startAt.getTime()).toBeLessThan(5000);
        const [dial] = suite.tap.dials.filter((d) => d.to === lead.phone);
        expect(dial!.at).toBeGreaterThanOrEqual(startAt.getTime());
      }),
    DEADLINES.testMs,
  );

  it(
    'counts machines as voicemail apart from people: the message is left after the beep, or the machine is hung up on',
    () =>
      suite.withLogsOnFailure(async () => {
        const { api, agentId } = await signUpCaller(suite.stack.apiUrl);
        const [person, machine, hungUp] = [
          await api.createLead({ firstName: 'Person', phone: outcomePhone(30, '31') }),
          await api.createLead({ firstName: 'Machine', phone: outcomePhone(31, '05') }),
          await api.createLead({ firstName: 'Machine two', phone: outcomePhone(32, '05') }),
        ];
        // Ten words: 4 nominal seconds of message after a 4 s greeting.
        const message = 'This is Acme Solar, please call us back this week.';
        const voicemail = await api.createCampaign({
          agentId,
          campaignName: 'Voicemail',
          leadIds: [person.id, machine.id],
          answeringMachine: { action: 'voicemail', message },
        });
        const hangup = await api.createCampaign({
          agentId,
          campaignName: 'Hang up',
          leadIds: [hungUp.id],
          answeringMachine: { action: 'hangup' },
        });
        const left = await waitForCampaignStatus(api, voicemail.campaignId, 'COMPLETED');
        const cut = await waitForCampaignStatus(api, hangup.campaignId, 'COMPLETED');
        expect(left.stats).toMatchObject({ successfulCalls: 1, voicemailCalls: 1, missedCalls: 0, failedCalls: 0 });
        expect(cut.stats).toMatchObject({ successfulCalls: 0, voicemailCalls: 1 });
        const callOf = async (campaignId: string, leadId: string) =>
          suite.db.prisma.call.findFirstOrThrow({ where: { campaignId, leadId } });
        expect(await callOf(voicemail.campaignId, machine.id)).toMatchObject({
          status: 'COMPLETED',
          answeredBy: 'machine_end_beep',
          durationSeconds: MACHINE_GREETING_SECONDS + 4,
        });
        expect(await callOf(voicemail.campaignId, person.id)).toMatchObject({ status: 'COMPLETED', answeredBy: 'human' });
        expect(await callOf(hangup.campaignId, hungUp.id)).toMatchObject({
          status: 'COMPLETED',
          answeredBy: 'machine_start',
          durationSeconds: 0,
        });
        expect((await suite.db.prisma.lead.findUniqueOrThrow({ where: { id: machine.id } })).status).toBe('VOICEMAIL');
        expect((await suite.db.prisma.lead.findUniqueOrThrow({ where: { id: person.id } })).status).toBe('CONTACTED');
      }),
    DEADLINES.testMs,
  );

  it(
    'holds one user’s live calls at TENANT_MAX_CONCURRENT_CALLS across two campaigns and two dialers, and finishes both',
    () =>
      suite.withLogsOnFailure(async () => {
        const { api, agentId } = await signUpCaller(suite.stack.apiUrl);
        // Long human calls (11 nominal s) so that calls overlap.
        const leadsOf = async (from: number) =>
          Promise.all(
            Array.from({ length: 6 }, (_, i) => api.createLead({ firstName: `T${from + i}`, phone: outcomePhone(from + i, '93') })),
          );
        const [first, second] = [await leadsOf(40), await leadsOf(50)];
        const a = await api.createCampaign({ agentId, campaignName: 'Tenant A', leadIds: first.map((l) => l.id), maxConcurrentCalls: 3 });
        const userId = (await suite.db.prisma.campaign.findUniqueOrThrow({ where: { id: a.campaignId } })).userId;
        const b = await api.createCampaign({ agentId, campaignName: 'Tenant B', leadIds: second.map((l) => l.id), maxConcurrentCalls: 3 });

        let maxLive = 0;
        let samples = 0;
        const sampling = (async () => {
          for (;;) {
            const [row] = await suite.db.prisma.$queryRaw<{ live: number; running: number }[]>(Prisma.sql`
            SELECT (SELECT count(*)::int FROM "Call" k WHERE k."userId" = ${userId} AND k."status" IN ('INITIATED', 'DIALING', 'RINGING', 'ANSWERED')) AS live,
                   (SELECT count(*)::int FROM "Campaign" c WHERE c."userId" = ${userId} AND c."status" = 'RUNNING') AS running`);
            samples += 1;
            maxLive = Math.max(maxLive, row!.live);
            if (row!.running === 0) return;
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
        })();
        await waitForCampaignStatus(api, a.campaignId, 'COMPLETED');
        await waitForCampaignStatus(api, b.campaignId, 'COMPLETED');
        await sampling;
        expect(samples).toBeGreaterThan(10);
        expect(maxLive).toBeLessThanOrEqual(TENANT_CAP);
        expect(maxLive).toBeGreaterThan(1);
        // Both campaigns dialed every lead once: the held one was served when slots freed, not starved.
        for (const lead of [...first, ...second]) expect(suite.tap.dialsPerNumber().get(lead.phone)).toBe(1);
      }),
    DEADLINES.testMs,
  );
});
