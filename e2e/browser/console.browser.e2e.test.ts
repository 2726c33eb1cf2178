import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { ApiClient, uniqueAgentNumber, waitFor } from '@dialwave/testkit';
import { expectedCountersFor, outcomePhone } from '../helpers/carrier-outcomes';
import { importLeads } from '../helpers/outbound-scenario';
import type { ServiceProcess, Stack, SupervisedService } from '@dialwave/launcher';
import { SimCarrierControl } from '../helpers/sim-carrier-control';
import { ARTIFACTS, logIn, PASSWORD, startBrowserStack, type BrowserStack } from './browser-stack';

/** Human calls of 11 nominal seconds (0.55 s at the test's time scale) mixed with every other outcome. */
const PHONES = Array.from({ length: 36 }, (_, serial) =>
  outcomePhone(serial, serial % 10 < 5 ? `9${serial % 10}` : `${serial % 10}${serial % 10}`),
);
const CAP = 3;

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

describe('the console in a browser, against the real stack', () => {
  let stack: Stack;
  let consoleServer: ServiceProcess;
  let browser: Browser;

  let running: BrowserStack;
  let carrier: SimCarrierControl;

  beforeAll(async () => {
    // Supervised as pnpm start runs it: the gateway-restart test below restarts the gateway.
    running = await startBrowserStack({ simTimeScale: 0.05, supervise: true });
    ({ stack, consoleServer, browser } = running);
    carrier = new SimCarrierControl(stack.simUrl);
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
      await api.createAgent({ name: 'Simulator agent', provider: 'simulator', fromNumber: uniqueAgentNumber() });
      await importLeads(api, PHONES);

      const context = await browser.newContext({ baseURL: consoleServer.url, viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await logIn(page, email);
      await waitFor(async () => (await text(page, 'connection')) === 'Live', { what: 'the realtime connection' });

      await page.getByRole('link', { name: 'New campaign' }).click();
      await page.getByLabel('Name').fill('Browser campaign');
      await page.getByLabel('Concurrent calls (1–100)').fill(String(CAP));
      await page.getByLabel('Select all leads').check();
      // The form pre-fills calling hours (every day 09:00–20:00 in each lead's zone); this run must dial at
      // whatever hour the suite runs, so it leaves them to the deployment, which has none in tests.
      await page.locator('input[name="windowsEnabled"]').uncheck();
      await page.getByRole('button', { name: 'Start campaign' }).click();
      await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
      const campaignId = page.url().split('/').pop() as string;
      campaignAsTheApiSeesIt = () => api.getCampaign(campaignId);

      // Mid-campaign: progress moves on socket events alone, and calls show up live. Then the carrier holds its
      // calls where they are: its clock does not wait for a slow browser, and a campaign that finished before
      // the click could not be paused.
      await waitFor(
        async () => {
          const [done] = ((await text(page, 'progress-count')) ?? '').split('/').map(Number);
          return done !== undefined && done >= 3 && (await page.getByTestId('live-call-row').count()) > 0;
        },
        { what: 'the dashboard to show progress and live calls', timeoutMs: 30_000 },
      );
      await carrier.hold();
      await page.getByTestId('campaign-pause').click();
      await page.screenshot({ path: join(ARTIFACTS, 'console-mid-campaign.png'), fullPage: true });
      // The socket's campaign:paused may land before the PATCH answers; the buttons wait for the answer.
      await waitFor(
        async () =>
          (await page.getByTestId('campaign-status').getAttribute('data-status')) === 'PAUSED' &&
          (await page.getByTestId('campaign-resume').isEnabled()),
        { what: 'the UI to say PAUSED and offer resume' },
      );
      expect((await api.getCampaign(campaignId)).status).toBe('PAUSED');
      expect(await page.getByTestId('campaign-pause').isDisabled()).toBe(true);
      // Live calls finish once the carrier goes on; then nothing more is dialed, and the UI agrees with the API.
      await carrier.release();
      const settled = await waitFor(
        async () => {
          const campaign = await api.getCampaign(campaignId);
          const shown = await text(page, 'progress-count');
          return campaign.stats.activeCalls === 0 &&
            (await page.getByTestId('live-call-row').count()) === 0 &&
            shown === `${campaign.completedLeads}/${campaign.totalLeads}`
            ? campaign
            : undefined;
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
      expect(final).toMatchObject({
        status: 'COMPLETED',
        completedLeads: PHONES.length,
        successfulCalls: expected.successfulCalls,
        missedCalls: expected.missedCalls,
        failedCalls: expected.failedCalls,
      });

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
        counters: Object.fromEntries(
          await Promise.all(Object.keys(wanted.counters).map(async (id) => [id, await text(page, id)] as const)),
        ),
        averageSeconds: await page.getByTestId('average-duration').getAttribute('data-seconds'),
      });
      await waitFor(async () => JSON.stringify(await shown()) === JSON.stringify(wanted), {
        what: 'the final counters',
        timeoutMs: 10_000,
      }).catch(async (err: Error) => {
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
      await carrier.release();
      const campaign = await campaignAsTheApiSeesIt().catch((e: Error) => e.message);
      console.error(
        `campaign as the API sees it: ${JSON.stringify(campaign)}\n${stack.logs()}\n----- console -----\n${consoleServer.logs()}`,
      );
      throw err;
    }
  }, 240_000);

  it('shows the dialing rules: settings on the New campaign form, waiting and voicemail figures, the do-not-call list, the leads filter', async () => {
    const email = `rules-${randomBytes(4).toString('hex')}@example.com`;
    const api = new ApiClient(stack.apiUrl);
    await api.signup({ email, password: PASSWORD, name: 'Rules user' });
    const agent = await api.createAgent({ name: 'Simulator agent', provider: 'simulator', fromNumber: uniqueAgentNumber() });
    // A machine (…5) and a person, dialed at any hour; and a lead in a zone where it is night now.
    const machine = await api.createLead({ firstName: 'Machine', phone: outcomePhone(900, '05') });
    const person = await api.createLead({ firstName: 'Person', phone: outcomePhone(901, '20') });
    const night = ['Etc/GMT-14', 'Etc/GMT+12', 'Etc/GMT-7', 'Etc/GMT+5'].find((zone) => {
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
      return hour < 8 || hour >= 21;
    })!;
    await api.createLead({ firstName: 'Sleeper', phone: outcomePhone(902, '20'), timezone: night });
    const done = await api.createCampaign({
      agentId: agent.id,
      campaignName: 'Voicemail run',
      leadIds: [machine.id, person.id],
      answeringMachine: { action: 'voicemail', message: 'Please call us back.' },
    });
    await waitFor(async () => (await api.getCampaign(done.campaignId)).status === 'COMPLETED', {
      what: 'the voicemail campaign to complete',
      timeoutMs: 90_000,
    });

    const context = await browser.newContext({ baseURL: consoleServer.url, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    try {
      await logIn(page, email);

      // The form offers the settings with their defaults; a campaign started from it waits for the night lead's hours.
      await page.getByRole('link', { name: 'New campaign' }).click();
      expect(await page.locator('input[name="window-0-start"]').inputValue()).toBe('09:00');
      expect(await page.locator('input[name="window-0-end"]').inputValue()).toBe('20:00');
      expect(await page.locator('input[name="window-0-day-7"]').isChecked()).toBe(true);
      expect(await page.locator('select[name="answeringMachine"]').inputValue()).toBe('continue');
      await page.getByLabel('Name').fill('Night lead');
      await page.locator('input[name="window-0-start"]').fill('08:00');
      await page.locator('input[name="window-0-end"]').fill('21:00');
      await page.locator('input[name="retryMaxAttempts"]').fill('2');
      await page.getByLabel('Search leads').fill('Sleeper');
      await page.getByRole('checkbox', { name: /Sleeper/ }).check();
      await page.getByRole('button', { name: 'Start campaign' }).click();
      await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
      const waitingId = page.url().split('/').pop() as string;
      await waitFor(async () => ((await text(page, 'waiting-summary')) ?? '').includes(`next at`), { what: 'the waiting summary' });
      expect(await text(page, 'waiting-summary')).toContain(`1 lead waits for their calling hours — next at 08:00 ${night}`);
      expect(await text(page, 'waiting-count')).toBe('1');
      const waiting = await api.getCampaign(waitingId);
      expect(waiting).toMatchObject({
        status: 'RUNNING',
        retry: { maxAttempts: 2 },
        schedule: { windows: [{ start: '08:00', end: '21:00' }] },
      });
      await page.screenshot({ path: join(ARTIFACTS, 'console-waiting-lead.png'), fullPage: true });
      await api.cancelCampaign(waitingId);

      // The finished campaign counts the machine as a voicemail, apart from the person.
      await page.goto(`/campaigns/${done.campaignId}`);
      await waitFor(async () => (await text(page, 'voicemail-count')) === '1', { what: 'the voicemail tile' });
      expect(await text(page, 'successful-count')).toBe('1');
      const download = page.waitForEvent('download');
      await page.getByTestId('export-calls').click();
      expect((await download).suggestedFilename()).toBe(`campaign-${done.campaignId}-calls.csv`);

      // Leads filter by lifecycle status.
      await page.getByRole('link', { name: 'Leads' }).click();
      await page.getByLabel('Lead status').selectOption('VOICEMAIL');
      await waitFor(async () => (await page.getByTestId('lead-status').allTextContents()).join(',') === 'Voicemail', {
        what: 'only the voicemail lead',
      });

      // The do-not-call list: add, see, remove.
      await page.getByRole('link', { name: 'Do not call' }).click();
      await page.locator('input[name="dncPhone"]').fill(person.phone);
      await page.getByRole('button', { name: 'Add to the list' }).click();
      await page.locator(`tr[data-phone="${person.phone}"]`).waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'console-dnc.png'), fullPage: true });
      await page.locator(`tr[data-phone="${person.phone}"]`).getByRole('button', { name: 'Remove' }).click();
      await page.getByText('No numbers yet.').waitFor();
    } catch (err) {
      console.error(`${stack.logs()}\n----- console -----\n${consoleServer.logs()}`);
      throw err;
    } finally {
      await context.close();
    }
  }, 240_000);

  it('reconnects after a gateway restart and refetches what happened while it was away', async () => {
    const email = `restart-${randomBytes(4).toString('hex')}@example.com`;
    const api = new ApiClient(stack.apiUrl);
    await api.signup({ email, password: PASSWORD, name: 'Restart user' });
    const agent = await api.createAgent({ name: 'Simulator agent', provider: 'simulator', fromNumber: uniqueAgentNumber() });
    await importLeads(api, PHONES);
    // The carrier holds the first calls live until the campaign is paused: a campaign that finished while the
    // gateway restarted could not show a missed pause.
    await carrier.hold();
    const { campaignId } = await api.createCampaign({
      agentId: agent.id,
      campaignName: 'Through a gateway restart',
      allLeads: true,
      maxConcurrentCalls: CAP,
    });

    const context = await browser.newContext({ baseURL: consoleServer.url });
    const page = await context.newPage();
    const gateway = stack.services.get('realtime-gateway') as SupervisedService;
    try {
      await logIn(page, email);
      await page.goto(`/campaigns/${campaignId}`);
      await waitFor(async () => (await page.getByTestId('campaign-status').getAttribute('data-status')) === 'RUNNING', {
        what: 'the dashboard',
      });

      // A restart, as a deploy does it (SIGTERM); the supervisor starts it again.
      const restarted = gateway.nextStart();
      gateway.kill('SIGTERM');
      await waitFor(async () => (await text(page, 'connection')) !== 'Live', {
        what: 'the console to notice the gateway is gone',
        timeoutMs: 30_000,
      });
      // Paused while the console has no socket: the campaign:paused event reaches nobody.
      await api.pauseCampaign(campaignId);
      await carrier.release();
      await restarted;
      await gateway.waitReady(60_000);

      await waitFor(async () => (await text(page, 'connection')) === 'Live', { what: 'the console to reconnect', timeoutMs: 60_000 });
      // Only a refetch can tell it: the dashboard says PAUSED and shows the API's own counts.
      await waitFor(
        async () => {
          const campaign = await api.getCampaign(campaignId);
          return (
            (await page.getByTestId('campaign-status').getAttribute('data-status')) === 'PAUSED' &&
            campaign.stats.activeCalls === 0 &&
            (await text(page, 'progress-count')) === `${campaign.completedLeads}/${campaign.totalLeads}`
          );
        },
        { what: 'the dashboard to show the paused campaign as the API does', timeoutMs: 30_000 },
      );
      // And live events flow again on the new socket.
      await api.resumeCampaign(campaignId);
      await waitFor(async () => (await page.getByTestId('campaign-status').getAttribute('data-status')) === 'COMPLETED', {
        what: 'the UI to follow the resumed campaign to COMPLETED',
        timeoutMs: 90_000,
      });
    } catch (err) {
      console.error(`${stack.logs()}\n----- console -----\n${consoleServer.logs()}`);
      throw err;
    } finally {
      await carrier.release();
      await context.close();
    }
  }, 240_000);
});
