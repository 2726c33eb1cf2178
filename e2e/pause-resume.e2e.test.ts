import { waitFor } from '@dialwave/testkit';
import { expectedCallFor, expectedCountersFor, outcomePhone } from './helpers/carrier-outcomes';
import { DEADLINES } from './helpers/deadlines';
import { startOutboundSuite, type OutboundSuite } from './helpers/outbound-suite';
import { countBy, importLeads, signUpCaller, waitForCampaignStatus } from './helpers/outbound-scenario';

const CAP = 5;
/** Mostly long human calls (11 nominal s = 110 ms) so the pause lands mid-campaign, plus every other outcome. */
const PAUSED_CAMPAIGN_PHONES = Array.from({ length: 30 }, (_, serial) => {
  const last = serial % 10;
  return outcomePhone(serial, last < 5 ? `9${last}` : `${last}${last}`);
});
/** A second campaign run while the first is paused: proof the dialers were busy the whole time. */
const OTHER_CAMPAIGN_PHONES = Array.from({ length: 8 }, (_, i) => outcomePhone(500 + i, `9${i % 5}`));

describe('pausing and resuming a campaign', () => {
  let suite: OutboundSuite;

  beforeAll(async () => {
    // A fast sweep: it must not re-queue a paused campaign's leads while we watch.
    suite = await startOutboundSuite({ serviceEnv: { 'dialer-worker': { SWEEP_INTERVAL_MS: '200' } } });
  }, DEADLINES.suiteStartMs);

  afterAll(async () => {
    await suite?.stop();
  }, DEADLINES.stopMs);

  it(
    'stops new dials while live calls finish, then resumes to completion with every lead dialed once',
    () =>
      suite.withLogsOnFailure(async () => {
        const { prisma } = suite.db;
        const { api, agentId } = await signUpCaller(suite.stack.apiUrl);
        const leadIdByPhone = await importLeads(api, [...PAUSED_CAMPAIGN_PHONES, ...OTHER_CAMPAIGN_PHONES]);
        const leadIdsOf = (phones: string[]) => phones.map((phone) => leadIdByPhone.get(phone) as string);

        const { campaignId } = await api.createCampaign({
          agentId,
          campaignName: 'Paused mid-way',
          leadIds: leadIdsOf(PAUSED_CAMPAIGN_PHONES),
          maxConcurrentCalls: CAP,
        });
        await waitFor(async () => (await prisma.call.count({ where: { campaignId } })) >= 6, {
          what: '6 calls of the campaign',
          timeoutMs: DEADLINES.stepMs,
          intervalMs: 10,
        });

        const paused = await api.pauseCampaign(campaignId);
        expect(paused.status).toBe('PAUSED');

        // Settled: every call placed before the pause has ended, and no lead waits in the hopper.
        await waitFor(
          async () => {
            const [live, hopper] = await Promise.all([
              prisma.call.count({ where: { campaignId, status: { notIn: ['COMPLETED', 'BUSY', 'MISSED', 'FAILED', 'CANCELED'] } } }),
              prisma.campaignLead.count({ where: { campaignId, state: { in: ['QUEUED', 'IN_PROGRESS'] } } }),
            ]);
            return live === 0 && hopper === 0;
          },
          { what: 'the pause to settle', timeoutMs: DEADLINES.stepMs },
        );
        const callsAtPause = await prisma.call.count({ where: { campaignId } });
        const dialsAtPause = suite.tap.dials.length;
        const settled = await api.getCampaign(campaignId);
        expect(settled).toMatchObject({ status: 'PAUSED', completedLeads: callsAtPause });
        expect(settled.stats.activeCalls).toBe(0);
        expect(callsAtPause).toBeLessThan(PAUSED_CAMPAIGN_PHONES.length);

        // While paused, another campaign runs to the end on the same dialers (several sweeps long).
        const other = await api.createCampaign({
          agentId,
          campaignName: 'Runs meanwhile',
          leadIds: leadIdsOf(OTHER_CAMPAIGN_PHONES),
          maxConcurrentCalls: CAP,
        });
        await waitForCampaignStatus(api, other.campaignId, 'COMPLETED');
        expect(await prisma.call.count({ where: { campaignId } })).toBe(callsAtPause);
        const pausedNumbers = new Set(PAUSED_CAMPAIGN_PHONES);
        expect(suite.tap.dials.slice(dialsAtPause).filter((dial) => pausedNumbers.has(dial.to))).toEqual([]);
        expect((await api.getCampaign(campaignId)).status).toBe('PAUSED');

        const resumed = await api.resumeCampaign(campaignId);
        expect(resumed.status).toBe('RUNNING');
        const finished = await waitForCampaignStatus(api, campaignId, 'COMPLETED');
        expect(finished).toMatchObject(expectedCountersFor(PAUSED_CAMPAIGN_PHONES));

        const calls = await api.allCalls(campaignId);
        const callsPerLead = countBy(calls, (call) => call.leadId ?? 'none');
        expect(callsPerLead.size).toBe(PAUSED_CAMPAIGN_PHONES.length);
        expect([...callsPerLead].filter(([, n]) => n !== 1)).toEqual([]);
        const wrongOutcome = calls.filter((call) => call.status !== expectedCallFor(call.toNumber).status);
        expect(wrongOutcome.map((call) => [call.toNumber, call.status])).toEqual([]);
        const reachedCarrier = countBy(
          calls.filter((call) => call.providerCallSid !== null),
          (call) => call.leadId ?? 'none',
        );
        expect([...reachedCarrier].filter(([, n]) => n > 1)).toEqual([]);

        // The carrier's own view: every number asked for once, and each call it holds is the one we recorded.
        const dialsPerNumber = suite.tap.dialsPerNumber();
        expect(PAUSED_CAMPAIGN_PHONES.filter((phone) => dialsPerNumber.get(phone) !== 1)).toEqual([]);
        for (const call of calls.filter((c) => c.providerCallSid !== null)) {
          const response = await fetch(`${suite.stack.simUrl}/sim/calls/${call.providerCallSid}`);
          expect(response.status).toBe(200);
          const simCall = (await response.json()) as { resource: { to: string; status: string } };
          expect({ sid: call.providerCallSid, to: simCall.resource.to }).toEqual({ sid: call.providerCallSid, to: call.toNumber });
        }
      }),
    DEADLINES.testMs,
  );
});
