import { waitFor } from '@dialwave/testkit';
import { outcomePhone } from './helpers/carrier-outcomes';
import { expectCampaignFinishedExactly as expectFinishedExactly, mixedPhones } from './helpers/exact-outcome';
import { ensureLiveDialers, liveDialers } from './helpers/dialers';
import { LiveCallSampler } from './helpers/live-call-sampler';
import { DEADLINES } from './helpers/deadlines';
import { startOutboundSuite, type OutboundSuite } from './helpers/outbound-suite';
import { importLeads, signUpCaller, waitForCampaignStatus, type Caller } from './helpers/outbound-scenario';

const TERMINAL = ['COMPLETED', 'BUSY', 'MISSED', 'FAILED', 'CANCELED'] as const;

describe('the outbound pipeline with a misbehaving carrier and crashing dialers', () => {
  let suite: OutboundSuite;
  let caller: Caller;

  beforeAll(async () => {
    suite = await startOutboundSuite({
      chaos: { duplicateRate: 0.2, reorderRate: 0.2, dropRate: 0.1 },
      // Short BullMQ locks so a killed dialer's jobs are found stalled within seconds, not 30 s.
      serviceEnv: { 'dialer-worker': { WORKER_LOCK_MS: '2000', WORKER_STALLED_INTERVAL_MS: '1000', SWEEP_INTERVAL_MS: '500' } },
    });
    caller = await signUpCaller(suite.stack.apiUrl);
  }, DEADLINES.suiteStartMs);

  afterAll(async () => {
    await suite?.stop();
  }, DEADLINES.stopMs);

  async function startCampaign(phones: string[], name: string, maxConcurrentCalls: number): Promise<string> {
    const leadIdByPhone = await importLeads(caller.api, phones);
    const { campaignId } = await caller.api.createCampaign({
      agentId: caller.agentId,
      campaignName: name,
      leadIds: phones.map((phone) => leadIdByPhone.get(phone) as string),
      maxConcurrentCalls,
    });
    return campaignId;
  }

  const expectCampaignFinishedExactly = (campaignId: string, phones: string[]) =>
    expectFinishedExactly(caller.api, suite.tap, campaignId, phones);

  it(
    'records every final state and counter right when callbacks are duplicated, reordered and dropped',
    () =>
      suite.withLogsOnFailure(async () => {
        const phones = mixedPhones(0, 20);
        const campaignId = await startCampaign(phones, 'Chaotic carrier', 5);
        await expectCampaignFinishedExactly(campaignId, phones);

        // The carrier really misbehaved: its own record shows duplicated, held-back and dropped callbacks.
        const chaos = { duplicated: 0, heldBack: 0, dropped: 0 };
        for (const call of await caller.api.allCalls(campaignId)) {
          if (!call.providerCallSid) continue;
          const response = await fetch(`${suite.stack.simUrl}/sim/calls/${call.providerCallSid}`);
          const { callbacks } = (await response.json()) as { callbacks: { duplicated: boolean; heldBack: boolean; dropped: boolean }[] };
          for (const callback of callbacks) {
            for (const kind of ['duplicated', 'heldBack', 'dropped'] as const) if (callback[kind]) chaos[kind] += 1;
          }
        }
        expect(Object.entries(chaos).filter(([, seen]) => seen === 0)).toEqual([]);
      }),
    DEADLINES.testMs,
  );

  it(
    'finishes a campaign whose dialer is killed mid-call on a replacement dialer, with no lead dialed twice or lost',
    () =>
      suite.withLogsOnFailure(async () => {
        const phones = mixedPhones(100, 20);
        const campaignId = await startCampaign(phones, 'Dialer crash', 5);
        const { prisma } = suite.db;
        await waitFor(
          async () => {
            const [placed, live] = await Promise.all([
              prisma.call.count({ where: { campaignId } }),
              prisma.call.count({ where: { campaignId, status: { notIn: [...TERMINAL] } } }),
            ]);
            return placed >= 6 && live >= 2;
          },
          { what: 'the campaign to be mid-way with live calls', timeoutMs: DEADLINES.stepMs },
        );
        for (const dialer of liveDialers(suite.stack)) {
          dialer.kill('SIGKILL');
          expect((await dialer.exited).signal).toBe('SIGKILL');
        }
        // Mid-campaign: with its only dialer gone, leads are left that nobody is working on.
        const unfinished = await prisma.campaignLead.count({ where: { campaignId, state: { not: 'DONE' } } });
        expect(unfinished).toBeGreaterThan(0);

        await suite.stack.addDialer();
        await expectCampaignFinishedExactly(campaignId, phones);
      }),
    DEADLINES.testMs,
  );

  it(
    'holds the per-campaign cap across two dialer workers',
    () =>
      suite.withLogsOnFailure(async () => {
        const dialers = await ensureLiveDialers(suite.stack, 2);
        expect(dialers).toHaveLength(2);
        const cap = 3;
        const phones = mixedPhones(200, 15);
        const campaignId = await startCampaign(phones, 'Two dialers, cap 3', cap);
        const sampler = new LiveCallSampler(suite.db.prisma, campaignId);
        await waitForCampaignStatus(caller.api, campaignId, 'COMPLETED').finally(() => sampler.stop().catch(() => undefined));
        const live = await sampler.stop();
        expect(live.max).toBeLessThanOrEqual(cap);
        expect(live.max).toBeGreaterThan(1);
        await expectCampaignFinishedExactly(campaignId, phones);
        // Both replicas took part: each logged work on this campaign.
        expect(dialers.filter((dialer) => !dialer.logs().includes(campaignId)).map((dialer) => dialer.name)).toEqual([]);
      }),
    DEADLINES.testMs,
  );

  it(
    'never dials a lead a second time when its dialer dies while the carrier is still taking the dial request',
    () =>
      suite.withLogsOnFailure(async () => {
        const phone = outcomePhone(300, '90');
        const inFlight = suite.tap.holdNextDial(phone);
        const campaignId = await startCampaign([phone], 'Dial request in flight', 1);
        let held = false;
        void inFlight.arrived.then(() => (held = true));
        await waitFor(() => held, { what: 'the dial request to reach the carrier', timeoutMs: DEADLINES.stepMs });
        const call = await suite.db.prisma.call.findFirstOrThrow({ where: { campaignId } });

        // The dialer dies with its request on the wire; the carrier (as Twilio would) still places that call.
        for (const dialer of liveDialers(suite.stack)) {
          dialer.kill('SIGKILL');
          await dialer.exited;
        }
        const replacement = await suite.stack.addDialer();
        await waitFor(() => replacement.logs().includes(call.id) || suite.tap.dialsPerNumber().has(phone), {
          what: 'the replacement dialer to take over the orphaned dial job',
          timeoutMs: DEADLINES.stepMs,
        });
        inFlight.release();

        await waitForCampaignStatus(caller.api, campaignId, 'COMPLETED');
        expect(suite.tap.dials.filter((dial) => dial.to === phone)).toHaveLength(1);
      }),
    DEADLINES.testMs,
  );
});
