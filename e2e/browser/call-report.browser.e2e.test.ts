import { join } from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { waitFor } from '@dialwave/testkit';
import { ApiClient } from '@dialwave/testkit';
import { ARTIFACTS, logIn, PASSWORD, startBrowserStack, type BrowserStack } from './browser-stack';

/** Fast enough for a campaign call to end within a second; the inbound caller then waits 100 s (2000 × 0.05). */
const SIM_TIME_SCALE = 0.05;
/** Last digit 1: a person answers; second-to-last 0: the simulated voice runtime reports a positive call. */
const LEAD_PHONE = `+1415555${randomInt(10, 99)}01`;

describe("a call's report in the console, against the real stack", () => {
  let running: BrowserStack;

  beforeAll(async () => {
    running = await startBrowserStack({ simTimeScale: SIM_TIME_SCALE, serviceEnv: { 'carrier-sim': { SIM_INBOUND_MAX_WAIT_S: '2000' } } });
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
  }, 60_000);

  it("shows the transcript on the call's page, and the caller's history with sentiment when they ring back", async () => {
    const { stack, consoleServer, browser } = running;
    const contexts: BrowserContext[] = [];
    try {
      const email = `report-${randomBytes(4).toString('hex')}@example.com`;
      const api = new ApiClient(stack.apiUrl);
      await api.signup({ email, password: PASSWORD, name: 'Report owner' });
      const agent = await api.createAgent({
        name: 'Solar agent',
        provider: 'simulator',
        fromNumber: `+1628557${randomInt(1000, 9999)}`,
        greeting: 'Hello, this is Acme Solar.',
        voiceRuntimeUrl: 'wss://voice-runtime.example.invalid/acme',
      });
      const lead = await api.createLead({ firstName: 'Ada', lastName: 'Lovelace', phone: LEAD_PHONE });
      const started = await api.createCampaign({ agentId: agent.id, campaignName: 'Solar', leadIds: [lead.id] });
      const [call] = await waitFor(
        async () => {
          const calls = await api.allCalls(started.campaignId);
          return calls.length === 1 && (await api.getCall(calls[0]!.id)).report ? calls : undefined;
        },
        { what: "the campaign call's report", timeoutMs: 60_000, intervalMs: 200 },
      );

      const context = await browser.newContext({ baseURL: consoleServer.url, viewport: { width: 1280, height: 1000 } });
      contexts.push(context);
      const page = await context.newPage();
      await logIn(page, email);

      // The call's page: the conversation as turns, its summary, sentiment and verdict.
      await page.goto(`/calls/${call!.id}`);
      const report = page.getByTestId('call-report');
      const transcript = report.getByTestId('transcript');
      await transcript.waitFor();
      const turns = transcript.locator('li');
      expect(await turns.count()).toBe(4);
      expect(await turns.nth(0).getAttribute('data-role')).toBe('agent');
      expect(await turns.nth(0).textContent()).toContain('Hello, this is Acme Solar.');
      expect(await turns.nth(1).getAttribute('data-role')).toBe('caller');
      expect(await turns.nth(1).textContent()).toContain('solar panels');
      expect(await report.getByTestId('sentiment-badge').getAttribute('data-sentiment')).toBe('positive');
      expect(await report.getByTestId('call-report-summary').textContent()).toContain('Ada Lovelace');
      expect(await report.getByTestId('call-report-successful').textContent()).toBe('goal reached');
      await page.screenshot({ path: join(ARTIFACTS, 'call-report.png'), fullPage: true });

      // The campaign's dashboard: the sentiment breakdown, and the log line of the report.
      await page.goto(`/campaigns/${started.campaignId}`);
      await page.getByTestId('sentiment-chart').waitFor();
      expect(await page.getByTestId('judged-success-rate').textContent()).toBe('100%');
      await page.getByText('analysed: positive').first().waitFor();

      // Search finds the call by a word its caller said.
      await page.getByLabel('Search calls').fill('panels');
      await page.getByLabel('Search calls').press('Enter');
      await page.waitForURL('**/calls?q=panels');
      const hit = page.getByTestId('call-search-results').locator(`tr[data-call-id="${call!.id}"]`);
      await hit.waitFor();
      expect(await hit.locator('mark').first().textContent()).toMatch(/panels/i);

      // Ada rings back: the modal lists her earlier call with its sentiment, the last summary, and why the
      // agent is suggested.
      const ring = await fetch(`${stack.simUrl}/sim/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: LEAD_PHONE, to: agent.fromNumber }),
      });
      expect(ring.status).toBe(201);
      const modal = page.getByTestId('incoming-call-modal');
      await modal.waitFor({ timeout: 15_000 });
      const row = modal.getByTestId('incoming-history').locator(`tr[data-call-id="${call!.id}"]`);
      await row.waitFor();
      expect(await row.getByTestId('sentiment-badge').getAttribute('data-sentiment')).toBe('positive');
      expect(await row.textContent()).toContain('Completed');
      expect(await modal.getByTestId('last-summary').textContent()).toContain('booked a roof survey');
      expect(await modal.getByTestId('incoming-suggestion-reason').textContent()).toMatch(
        /Solar agent · last spoke on \d{1,2} \w{3}, positive/,
      );
      await page.screenshot({ path: join(ARTIFACTS, 'incoming-call-history.png') });

      // Turned away, so the simulator does not keep the caller waiting after the test.
      const inboundCallId = (await modal.getAttribute('data-call-id')) as string;
      await modal.getByRole('button', { name: 'Reject' }).click();
      await modal.getByRole('button', { name: 'Confirm reject' }).click();
      await modal.waitFor({ state: 'detached' });
      await waitFor(async () => (await api.getCall(inboundCallId)).status === 'COMPLETED', { what: 'the rejected call to end' });
    } finally {
      for (const context of contexts) await context.close();
    }
  }, 180_000);
});
