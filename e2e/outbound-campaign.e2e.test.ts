import { EVERY_OUTCOME_PHONES, expectedCallFor, expectedCountersFor } from './helpers/carrier-outcomes';
import { LiveCallSampler } from './helpers/live-call-sampler';
import { unexpectedServiceErrors } from './helpers/service-errors';
import { DEADLINES } from './helpers/deadlines';
import { startOutboundSuite, type OutboundSuite } from './helpers/outbound-suite';
import { allCallLogs, countBy, importLeads, signUpCaller, waitForCampaignStatus } from './helpers/outbound-scenario';

const PHONES = EVERY_OUTCOME_PHONES;
const CAP = 5;

describe('an outbound campaign across every carrier outcome', () => {
  let suite: OutboundSuite;
  let campaignsRun = 0;

  beforeAll(async () => {
    suite = await startOutboundSuite();
  }, DEADLINES.suiteStartMs);

  afterAll(async () => {
    await suite?.stop();
  }, DEADLINES.stopMs);

  it(
    'completes with each call recorded as the carrier decided it, counters that match, and at most maxConcurrentCalls live calls',
    () =>
      suite.withLogsOnFailure(async () => {
        const { api, agentId } = await signUpCaller(suite.stack.apiUrl);
        const leadIdByPhone = await importLeads(api, PHONES);
        const phoneByLeadId = new Map([...leadIdByPhone].map(([phone, id]) => [id, phone]));

        const started = await api.createCampaign({
          agentId,
          campaignName: 'Every outcome',
          leadIds: PHONES.map((phone) => leadIdByPhone.get(phone) as string),
          maxConcurrentCalls: CAP,
        });
        expect(started).toMatchObject({ status: 'RUNNING', totalLeads: PHONES.length });
        campaignsRun += 1;
        const sampler = new LiveCallSampler(suite.db.prisma, started.campaignId);

        const campaign = await waitForCampaignStatus(api, started.campaignId, 'COMPLETED').finally(() =>
          sampler.stop().catch(() => undefined),
        );
        const live = await sampler.stop();
        expect(live.samples).toBeGreaterThan(20);
        expect(live.max).toBeLessThanOrEqual(CAP);
        expect(live.max).toBeGreaterThan(1);

        const expected = expectedCountersFor(PHONES);
        expect(campaign).toMatchObject({ status: 'COMPLETED', ...expected });
        expect(campaign.completedAt).not.toBeNull();
        expect(campaign.stats).toEqual({
          totalLeads: expected.totalLeads,
          completedLeads: expected.completedLeads,
          successfulCalls: expected.successfulCalls,
          failedCalls: expected.failedCalls,
          missedCalls: expected.missedCalls,
          voicemailCalls: expected.voicemailCalls,
          averageDuration: expected.totalTalkSeconds / expected.successfulCalls,
          successRate: Math.round((expected.successfulCalls / expected.completedLeads) * 10_000) / 10_000,
          activeCalls: 0,
          // This campaign's agent has no voice runtime, so no call is analysed (e2e/voice-runtime covers that).
          analysis: expect.objectContaining({ analysedCalls: 0 }),
          waitingLeads: 0,
          retryPendingLeads: 0,
          skippedLeads: 0,
          nextDialAt: null,
          nextDialZone: null,
        });

        // One call per lead, each as the simulator's table says: status, carrier-reported duration, what
        // answered, and for refused dials no carrier sid but a reason.
        const calls = await api.allCalls(started.campaignId);
        const byPhone = (a: { phone?: string }, b: { phone?: string }) => (a.phone ?? '').localeCompare(b.phone ?? '');
        const recorded = calls
          .map((call) => {
            const refused = expectedCallFor(call.toNumber).refusedByCarrier;
            return {
              phone: phoneByLeadId.get(call.leadId ?? ''),
              toNumber: call.toNumber,
              direction: call.direction,
              status: call.status,
              durationSeconds: call.durationSeconds ?? 0,
              answeredBy: call.answeredBy ?? undefined,
              carrierSid: refused ? call.providerCallSid : /^CA[0-9a-f]{32}$/.test(call.providerCallSid ?? ''),
              ...(refused && { explainsFailure: /\S/.test(call.failureReason ?? '') }),
            };
          })
          .sort(byPhone);
        const predicted = PHONES.map((phone) => {
          const want = expectedCallFor(phone);
          return {
            phone,
            toNumber: phone,
            direction: 'OUTBOUND',
            status: want.status,
            durationSeconds: want.durationSeconds,
            answeredBy: want.answeredBy,
            carrierSid: want.refusedByCarrier ? null : true,
            ...(want.refusedByCarrier && { explainsFailure: true }),
          };
        }).sort(byPhone);
        expect(recorded).toEqual(predicted);

        // Every number reached the carrier exactly once (the refused ones were refused once).
        expect(Object.fromEntries(suite.tap.dialsPerNumber())).toEqual(Object.fromEntries(PHONES.map((phone) => [phone, 1])));

        const logs = await allCallLogs(api, started.campaignId);
        const logsPerCall = countBy(logs, (log) => log.callId);
        expect(calls.filter((call) => (logsPerCall.get(call.id) ?? 0) === 0).map((call) => call.toNumber)).toEqual([]);
        // Each call's log holds the event that ended it, named after the carrier's word for it.
        const endingEvent = { COMPLETED: /completed$/, MISSED: /no-answer$/, BUSY: /busy$/, FAILED: /failed$/ } as const;
        const withoutEnding = calls.filter((call) => {
          const pattern = endingEvent[expectedCallFor(call.toNumber).status];
          return !logs.some((log) => log.callId === call.id && pattern.test(log.event));
        });
        expect(withoutEnding.map((call) => call.toNumber)).toEqual([]);
        expect(logs.every((log) => log.campaignId === started.campaignId)).toBe(true);

        const leadStates = await suite.db.prisma.campaignLead.groupBy({
          by: ['state'],
          where: { campaignId: started.campaignId },
          _count: true,
        });
        expect(leadStates.map((row) => [row.state, row._count])).toEqual([['DONE', PHONES.length]]);
      }),
    DEADLINES.testMs,
  );

  it('runs the campaign without any service logging an unexpected error', () => {
    // Runs after the campaign above: a request or job that failed (a deadlock, an unhandled rejection) shows
    // up here even when retries hid it from the end state.
    expect(campaignsRun).toBe(1);
    expect(unexpectedServiceErrors(suite.stack)).toEqual([]);
  });
});
