import { randomBytes } from 'node:crypto';
import { ApiClient } from '@dialwave/testkit';
import { EVERY_OUTCOME_PHONES, expectedCallFor, expectedCountersFor } from './helpers/carrier-outcomes';
import { DEADLINES } from './helpers/deadlines';
import { startOutboundSuite, type OutboundSuite } from './helpers/outbound-suite';
import { AGENT_FROM_NUMBER, allCallLogs, countBy, importLeads, waitForCampaignStatus } from './helpers/outbound-scenario';
import { unexpectedServiceErrors } from './helpers/service-errors';

/**
 * The same lead mix as the Twilio/simulator campaign; the simulator's SansPBX dialect gives the same table,
 * except that it has no machine detection (digit 5 is a plain 3 s answer) and it refuses digit 9 with
 * `Invalid number`.
 */
const PHONES = EVERY_OUTCOME_PHONES;
const CAP = 5;
/** The agent's SansPBX caller id: the DID's national digits, as the account expects them. */
const CALLER_ID = '8047180000';
/** The status word of the call's one end-of-call callback, or the dialer's own refusal. */
const ENDING_EVENT = {
  COMPLETED: /^sanspbx:answer$/,
  MISSED: /^sanspbx:noanswer$/,
  BUSY: /^sanspbx:busy$/,
  FAILED: /^sanspbx:failed$/,
} as const;

describe('an outbound campaign through a SansPBX agent', () => {
  let suite: OutboundSuite;
  let campaignsRun = 0;

  beforeAll(async () => {
    suite = await startOutboundSuite();
  }, DEADLINES.suiteStartMs);

  afterAll(async () => {
    await suite?.stop();
  }, DEADLINES.stopMs);

  it(
    'completes with the same outcomes and counters as the simulator path, sharing one SansPBX token across every dial',
    () =>
      suite.withLogsOnFailure(async () => {
        const api = new ApiClient(suite.stack.apiUrl);
        const id = randomBytes(4).toString('hex');
        await api.signup({ email: `sanspbx-${id}@example.com`, password: 'correct-horse-battery', name: `SansPBX ${id}` });
        const agent = await api.createAgent({
          name: 'SansPBX agent',
          provider: 'sanspbx',
          fromNumber: AGENT_FROM_NUMBER,
          callerId: CALLER_ID,
        });
        const leadIdByPhone = await importLeads(api, PHONES);
        const phoneByLeadId = new Map([...leadIdByPhone].map(([phone, leadId]) => [leadId, phone]));

        const started = await api.createCampaign({
          agentId: agent.id,
          campaignName: 'SansPBX every outcome',
          leadIds: PHONES.map((phone) => leadIdByPhone.get(phone) as string),
          maxConcurrentCalls: CAP,
        });
        campaignsRun += 1;
        const campaign = await waitForCampaignStatus(api, started.campaignId, 'COMPLETED');

        // SansPBX has no machine detection: a machine's call counts as successful, not as a voicemail.
        const expected = expectedCountersFor(PHONES, { machineDetection: false });
        expect(campaign).toMatchObject({ status: 'COMPLETED', ...expected });
        expect(campaign.stats).toMatchObject({
          successfulCalls: expected.successfulCalls,
          failedCalls: expected.failedCalls,
          missedCalls: expected.missedCalls,
          averageDuration: expected.totalTalkSeconds / expected.successfulCalls,
          activeCalls: 0,
        });

        const calls = await api.allCalls(started.campaignId);
        const byPhone = (a: { phone?: string }, b: { phone?: string }) => (a.phone ?? '').localeCompare(b.phone ?? '');
        const recorded = calls
          .map((call) => {
            const refused = expectedCallFor(call.toNumber).refusedByCarrier;
            return {
              phone: phoneByLeadId.get(call.leadId ?? ''),
              provider: call.provider,
              status: call.status,
              durationSeconds: call.durationSeconds ?? 0,
              carrierSid: refused
                ? call.providerCallSid
                : new RegExp(`^api-1-0${call.toNumber.slice(3)}-\\d+$`).test(call.providerCallSid ?? ''),
              ...(refused && { failureReason: call.failureReason }),
            };
          })
          .sort(byPhone);
        const predicted = PHONES.map((phone) => {
          const want = expectedCallFor(phone);
          return {
            phone,
            provider: 'SANSPBX',
            status: want.status,
            durationSeconds: want.durationSeconds,
            carrierSid: want.refusedByCarrier ? null : true,
            ...(want.refusedByCarrier && { failureReason: expect.stringContaining('Invalid number') }),
          };
        }).sort(byPhone);
        expect(recorded).toEqual(predicted);

        // Every connected call ended by its SansPBX callback (not by the dialer giving up on it).
        const logs = await allCallLogs(api, started.campaignId);
        const withoutEnding = calls.filter((call) => {
          const want = expectedCallFor(call.toNumber);
          const pattern = want.refusedByCarrier ? /^dial:failed$/ : ENDING_EVENT[want.status];
          return !logs.some((log) => log.callId === call.id && pattern.test(log.event));
        });
        expect(withoutEnding.map((call) => call.toNumber)).toEqual([]);
        expect(countBy(calls, (call) => call.leadId ?? '').size).toBe(PHONES.length);

        // One dial request per lead (the refused ones included), all on the one token the dialer fetched.
        const stats = (await (await fetch(`${suite.stack.simUrl}/sim/sanspbx/stats`)).json()) as { tokensIssued: number; dials: number };
        expect(stats).toEqual({ tokensIssued: 1, dials: PHONES.length });
        // SansPBX agents do not go through the Twilio API at all.
        expect(suite.tap.dialsPerNumber().size).toBe(0);
      }),
    DEADLINES.testMs,
  );

  it('runs the campaign without any service logging an unexpected error', () => {
    expect(campaignsRun).toBe(1);
    expect(unexpectedServiceErrors(suite.stack)).toEqual([]);
  });
});
