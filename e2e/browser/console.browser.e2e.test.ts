import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { waitFor } from '@dialwave/testkit';
import { expectedCountersFor, outcomePhone } from '../helpers/carrier-outcomes';
import { AGENT_FROM_NUMBER, importLeads } from '../helpers/outbound-scenario';
import { ApiClient, type ServiceProcess, type Stack } from '../support';
import { ARTIFACTS, logIn, PASSWORD, startBrowserStack, type BrowserStack } from './browser-stack';

/** Human calls of 11 nominal seconds (0.55 s at the test's time scale) mixed with every other outcome. */
const PHONES = Array.from({ length: 36 }, (_, serial) => outcomePhone(serial, serial % 10 < 5 ? `9${serial % 10}` : `${serial % 10}${serial % 10}`));
const CAP = 3;

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

describe('the console in a browser, against the real stack', () => {
  let stack: Stack;
  let consoleServer: ServiceProcess;
  let browser: Browser;

  let running: BrowserStack;

  beforeAll(async () => {
    running = await startBrowserStack({ simTimeScale: 0.05 });
    ({ stack, consoleServer, browser } = running);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
  }, 60_000);

  it('runs a campaign started from the UI to 100%, with pause and resume, and shows it to no other user', async () => {
    let campaignAsTheApiSeesIt: () => Promise<unknown> = async () => 'not started';
    try {
      const email = `console-${randomBytes(4).toString('hex')}@example.com`;
      const api = new ApiClient(stack.apiUrl);
      await api.signup({ email, password: PASSWORD, name: 'Console user' });
      await api.createAgent({ name: 'Simulator agent', provider: 'simulator', fromNumber: AGENT_FROM_NUMBER });
      await importLeads(api, PHONES);

      const context = await browser.newContext({ baseURL: consoleServer.url, viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await logIn(page, email);
      await waitFor(async () => (await text(page, 'connection')) === 'Live', { what: 'the realtime connection' });

      await page.getByRole('link', { name: 'New campaign' }).click();
      await page.getByLabel('Name').fill('Browser campaign');
      await page.getByLabel('Concurrent calls (1–100)').fill(String(CAP));
      await page.getByLabel('Select all leads').check();
      await page.getByRole('button', { name: 'Start campaign' }).click();
      await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
      const campaignId = page.url().split('/').pop() as string;
      campaignAsTheApiSeesIt = () => api.getCampaign(campaignId);

      // Mid-campaign: progress moves on socket events alone, and calls show up live.
      await waitFor(
        async () => {
          const [done] = ((await text(page, 'progress-count')) ?? '').split('/').map(Number);
          return done !== undefined && done >= 6 && (await page.getByTestId('live-call-row').count()) > 0;
        },
        { what: 'the dashboard to show progress and live calls', timeoutMs: 30_000 },
      );
      await page.screenshot({ path: join(ARTIFACTS, 'console-mid-campaign.png'), fullPage: true });

      await page.getByTestId('campaign-pause').click();
      // The socket's campaign:paused may land before the PATCH answers; the buttons wait for the answer.
      await waitFor(
        async () =>
          (await page.getByTestId('campaign-status').getAttribute('data-status')) === 'PAUSED' && (await page.getByTestId('campaign-resume').isEnabled()),
        { what: 'the UI to say PAUSED and offer resume' },
      );
      expect((await api.getCampaign(campaignId)).status).toBe('PAUSED');
      expect(await page.getByTestId('campaign-pause').isDisabled()).toBe(true);
      // Live calls finish; then nothing more is dialed, and the UI agrees with the API.
      const settled = await waitFor(
        async () => {
          const campaign = await api.getCampaign(campaignId);
          const shown = await text(page, 'progress-count');
          return campaign.stats.activeCalls === 0 && (await page.getByTestId('live-call-row').count()) === 0 && shown === `${campaign.completedLeads}/${campaign.totalLeads}` ? campaign : undefined;
        },
        { what: 'the paused campaign to settle in the UI', timeoutMs: 20_000 },
      );
      expect(settled.completedLeads).toBeLessThan(PHONES.length);

      // Someone else sees none of it: no campaign, no leads, and the campaign's URL is not theirs.
      const otherContext = await browser.newContext({ baseURL: consoleServer.url });
      const other = await otherContext.newPage();
      await other.goto('/signup');
      await other.getByLabel('Name').fill('Someone else');
      await other.getByLabel('Email').fill(`other-${randomBytes(4).toString('hex')}@example.com`);
      await other.getByLabel('Password').fill(PASSWORD);
      await other.getByRole('button', { name: 'Sign up' }).click();
      await other.getByText('No campaigns yet.').waitFor();
      await other.goto(`/campaigns/${campaignId}`);
      await other.getByText('No such campaign.').waitFor();
      await other.goto('/leads');
      await other.getByText('No leads yet.').waitFor();

      await page.getByTestId('campaign-resume').click();
      await waitFor(async () => (await page.getByTestId('campaign-status').getAttribute('data-status')) === 'COMPLETED', {
        what: 'the UI to say COMPLETED',
        timeoutMs: 90_000,
      });
      const final = await api.getCampaign(campaignId);
      const expected = expectedCountersFor(PHONES);
      expect(final).toMatchObject({ status: 'COMPLETED', completedLeads: PHONES.length, successfulCalls: expected.successfulCalls, missedCalls: expected.missedCalls, failedCalls: expected.failedCalls });

      const { stats } = final;
      const wanted = {
        counters: {
          'progress-count': `${stats.completedLeads}/${stats.totalLeads}`,
          'progress-percent': '100%',
          'success-ratio': `${stats.successfulCalls}/${stats.completedLeads}`,
          'success-rate': `${Math.round((stats.successfulCalls * 100) / stats.completedLeads)}%`,
          'successful-count': String(stats.successfulCalls),
          'failed-count': String(stats.failedCalls),
          'missed-count': String(stats.missedCalls),
          'live-call-count': '0',
        },
        // The tile shows "4s"; the exact number rides along in data-seconds.
        averageSeconds: String(stats.averageDuration),
      };
      const shown = async () => ({
        counters: Object.fromEntries(await Promise.all(Object.keys(wanted.counters).map(async (id) => [id, await text(page, id)] as const))),
        averageSeconds: await page.getByTestId('average-duration').getAttribute('data-seconds'),
      });
      await waitFor(async () => JSON.stringify(await shown()) === JSON.stringify(wanted), { what: 'the final counters', timeoutMs: 10_000 }).catch(async (err: Error) => {
        throw new Error(`${err.message}: shown ${JSON.stringify(await shown())}, API says ${JSON.stringify(wanted)}`);
      });
      expect(await page.getByTestId('progress-bar').getAttribute('aria-valuenow')).toBe('100');
      await page.getByTestId('outcome-chart').waitFor();
      expect(await page.getByTestId('execution-log').locator('li[data-status="COMPLETED"]').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(ARTIFACTS, 'console-campaign-complete.png'), fullPage: true });

      // A logged call opens its detail page with the event timeline.
      await page.getByTestId('execution-log').locator('li[data-status="COMPLETED"] a').first().click();
      await page.getByTestId('call-timeline').waitFor();
      expect(await page.getByTestId('call-timeline').locator('li').count()).toBeGreaterThan(1);

      // The second user's list is still empty after the first user's campaign completed.
      await other.goto('/campaigns');
      await other.getByText('No campaigns yet.').waitFor();
      await otherContext.close();
      await context.close();
    } catch (err) {
      const campaign = await campaignAsTheApiSeesIt().catch((e: Error) => e.message);
      console.error(`campaign as the API sees it: ${JSON.stringify(campaign)}\n${stack.logs()}\n----- console -----\n${consoleServer.logs()}`);
      throw err;
    }
  }, 240_000);
});
