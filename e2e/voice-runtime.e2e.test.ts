import { reportScriptFor, type ReportScriptName } from '@dialwave/carrier-sim';
import type { TCallReport, TSentiment } from '@dialwave/contracts';
import { waitFor } from '@dialwave/testkit';
import { expectedCallFor, outcomePhone } from './helpers/carrier-outcomes';
import { DEADLINES } from './helpers/deadlines';
import { startOutboundSuite, type OutboundSuite } from './helpers/outbound-suite';
import { importLeads, signUpCaller, waitForCampaignStatus } from './helpers/outbound-scenario';
import { unexpectedServiceErrors } from './helpers/service-errors';

/**
 * People (last digit 0–4) whose second-to-last digit picks every report script, twice over, then one number
 * of each outcome where nobody talks: a machine, no answer, busy, failed, refused.
 */
const PERSON_LAST_TWO_DIGITS = ['00', '11', '22', '33', '40', '51', '62', '73'];
const NOBODY_LAST_TWO_DIGITS = ['15', '06', '07', '08', '09'];
const PHONES = [...PERSON_LAST_TWO_DIGITS, ...NOBODY_LAST_TWO_DIGITS].map((digits, serial) => outcomePhone(serial, digits));
const PEOPLE = PHONES.filter((phone) => expectedCallFor(phone).answeredBy === 'human');

/** What Dialwave stores for each script: the runtime's word, or for `unscored` what it computes itself. */
const EXPECTED_REPORT: Record<
  ReportScriptName,
  { sentiment: TSentiment; sentimentSource: TCallReport['sentimentSource']; successful: boolean | null }
> = {
  positive: { sentiment: 'positive', sentimentSource: 'reported', successful: true },
  neutral: { sentiment: 'neutral', sentimentSource: 'reported', successful: false },
  negative: { sentiment: 'negative', sentimentSource: 'reported', successful: false },
  unscored: { sentiment: 'mixed', sentimentSource: 'computed', successful: null },
};
const GREETING = 'Hello, this is Acme Solar calling about your roof.';

describe('a campaign on an agent with a voice runtime (the simulator plays the runtime)', () => {
  let suite: OutboundSuite;

  beforeAll(async () => {
    suite = await startOutboundSuite();
  }, DEADLINES.suiteStartMs);

  afterAll(async () => {
    await suite?.stop();
  }, DEADLINES.stopMs);

  it(
    'ends with the report its number predicts on every call a person answered, and none on the others',
    () =>
      suite.withLogsOnFailure(async () => {
        const { api } = await signUpCaller(suite.stack.apiUrl);
        const agent = await api.createAgent({
          name: 'Voice agent',
          provider: 'simulator',
          fromNumber: '+918047180001',
          greeting: GREETING,
          voiceRuntimeUrl: 'wss://voice-runtime.example.invalid/acme',
        });
        const leadIdByPhone = await importLeads(api, PHONES);
        const phoneByLeadId = new Map([...leadIdByPhone].map(([phone, id]) => [id, phone]));
        const nameByPhone = new Map(PHONES.map((phone, i) => [phone, `Lead${i} E2e`]));
        const started = await api.createCampaign({
          agentId: agent.id,
          campaignName: 'Voice runtime',
          allLeads: true,
          maxConcurrentCalls: 5,
        });
        const campaign = await waitForCampaignStatus(api, started.campaignId, 'COMPLETED');
        expect(campaign.completedLeads).toBe(PHONES.length);

        // A report follows its call's end, so it may land just after the campaign completes.
        await waitFor(async () => (await api.getCampaign(started.campaignId)).stats.analysis.analysedCalls === PEOPLE.length, {
          timeoutMs: DEADLINES.stepMs,
          what: `${PEOPLE.length} reports`,
        });

        const calls = await api.allCalls(started.campaignId);
        expect(calls).toHaveLength(PHONES.length);
        const seen: string[] = [];
        for (const listed of calls) {
          const phone = phoneByLeadId.get(listed.leadId ?? '')!;
          const call = await api.getCall(listed.id);
          if (!PEOPLE.includes(phone)) {
            expect([phone, call.report]).toEqual([phone, null]);
            continue;
          }
          const script = reportScriptFor(phone);
          const report = call.report!;
          expect([
            phone,
            script,
            { sentiment: report?.sentiment, sentimentSource: report?.sentimentSource, successful: report?.successful },
          ]).toEqual([phone, script, EXPECTED_REPORT[script]]);
          expect(report.transcript[0]).toEqual({ role: 'agent', text: GREETING, atSeconds: 0 });
          expect(report.transcript.filter((turn) => turn.role === 'caller').length).toBeGreaterThan(0);
          expect(report.summary).toContain(nameByPhone.get(phone));
          expect(report.revisions).toBe(1);
          expect(call.logs.map((log) => log.event)).toContain('report:received');
          seen.push(phone);
        }
        expect(seen.sort()).toEqual([...PEOPLE].sort());

        const bySentiment = { positive: 0, neutral: 0, negative: 0, mixed: 0 };
        for (const phone of PEOPLE) bySentiment[EXPECTED_REPORT[reportScriptFor(phone)].sentiment] += 1;
        expect((await api.getCampaign(started.campaignId)).stats.analysis).toEqual({
          analysedCalls: PEOPLE.length,
          sentiment: bySentiment,
          judgedCalls: PEOPLE.filter((phone) => reportScriptFor(phone) !== 'unscored').length,
          judgedSuccessful: PEOPLE.filter((phone) => reportScriptFor(phone) === 'positive').length,
          judgedSuccessRate: expect.any(Number),
        });

        // Search finds a call by a word of its transcript: only the neutral script mentions a brochure.
        const hits = await api.searchCalls('brochure');
        const neutral = PEOPLE.filter((phone) => reportScriptFor(phone) === 'neutral');
        expect(hits.items.map((hit) => hit.phone).sort()).toEqual(neutral.sort());
        expect(hits.items[0]!.snippet.some((part) => part.match && /brochure/i.test(part.text))).toBe(true);

        expect(unexpectedServiceErrors(suite.stack)).toEqual([]);
      }),
    DEADLINES.testMs,
  );
});
