import { join } from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { waitFor } from '@dialwave/testkit';
import type { ServiceProcess, Stack } from '@dialwave/launcher';
import { ApiClient } from '@dialwave/testkit';
import { ARTIFACTS, logIn, PASSWORD, startBrowserStack, type BrowserStack } from './browser-stack';

/**
 * Half speed: the caller talks 2 + 9 = 11 nominal seconds once accepted (second-to-last digit of From),
 * 5.5 s of real time, long enough to see the call ANSWERED before the simulator completes it.
 */
const SIM_TIME_SCALE = 0.5;
const CALLER = `+1415555${randomInt(10, 99)}90`;

describe('an inbound call in the console, against the real stack', () => {
  let stack: Stack;
  let consoleServer: ServiceProcess;
  let browser: Browser;

  let running: BrowserStack;

  beforeAll(async () => {
    running = await startBrowserStack({
      simTimeScale: SIM_TIME_SCALE,
      // The caller waits up to 2 real minutes for someone to click Accept.
      serviceEnv: { 'carrier-sim': { SIM_INBOUND_MAX_WAIT_S: '240' } },
    });
    ({ stack, consoleServer, browser } = running);
  }, 120_000);

  afterAll(async () => {
    await running?.stop();
  }, 60_000);

  it('rings in the owner console only, is accepted for the chosen agent, and takes a disposition after the caller hangs up', async () => {
    const contexts: BrowserContext[] = [];
    try {
      const email = `inbound-${randomBytes(4).toString('hex')}@example.com`;
      const api = new ApiClient(stack.apiUrl);
      await api.signup({ email, password: PASSWORD, name: 'Inbound owner' });
      const frontDesk = await api.createAgent({
        name: 'Front desk',
        provider: 'simulator',
        fromNumber: `+1628555${randomInt(1000, 9999)}`,
      });
      const closer = await api.createAgent({
        name: 'Closer',
        provider: 'simulator',
        fromNumber: `+1628556${randomInt(1000, 9999)}`,
        recordCalls: true,
      });
      await api.createLead({ firstName: 'Grace', lastName: 'Hopper', company: 'Navy Labs', phone: CALLER });

      const otherEmail = `other-${randomBytes(4).toString('hex')}@example.com`;
      await new ApiClient(stack.apiUrl).signup({ email: otherEmail, password: PASSWORD, name: 'Someone else' });

      const ownerContext = await browser.newContext({ baseURL: consoleServer.url, viewport: { width: 1280, height: 900 } });
      const otherContext = await browser.newContext({ baseURL: consoleServer.url });
      contexts.push(ownerContext, otherContext);
      const page = await ownerContext.newPage();
      const other = await otherContext.newPage();
      await logIn(page, email);
      await logIn(other, otherEmail);

      const ring = await fetch(`${stack.simUrl}/sim/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: CALLER, to: frontDesk.fromNumber }),
      });
      expect(ring.status).toBe(201);

      const modal = page.getByTestId('incoming-call-modal');
      await modal.waitFor({ timeout: 15_000 });
      expect(await modal.getByTestId('incoming-caller-name').textContent()).toBe('Grace Hopper');
      expect(await modal.getByTestId('incoming-caller-company').textContent()).toContain('Navy Labs');
      expect(await modal.getByTestId('incoming-caller-phone').textContent()).toBe(CALLER);
      const callId = (await modal.getAttribute('data-call-id')) as string;
      const picker = modal.getByLabel('Answer as');
      // The number's agent is suggested for a caller with no history.
      await waitFor(async () => (await picker.inputValue()) === frontDesk.id, { what: 'the suggested agent to be pre-selected' });
      await page.screenshot({ path: join(ARTIFACTS, 'incoming-call-modal.png') });
      // The gateway sends incoming:call to its owner only: the other user's live console shows nothing.
      expect(await other.getByTestId('incoming-call-modal').count()).toBe(0);

      await picker.selectOption(closer.id);
      await modal.getByRole('button', { name: 'Accept' }).click();
      await modal.waitFor({ state: 'detached' });
      const answered = await waitFor(
        async () => {
          const call = await api.getCall(callId);
          return call.status === 'ANSWERED' ? call : undefined;
        },
        { what: 'the API to show the call ANSWERED', intervalMs: 100 },
      );
      expect(answered).toMatchObject({ direction: 'INBOUND', agentId: closer.id, fromNumber: CALLER });
      const panel = page.getByTestId('current-call');
      await panel.waitFor();
      expect(await panel.getByTestId('current-call-name').textContent()).toBe('Grace Hopper');

      // The simulator completes the call after the caller's talk time; the panel turns into the disposition form.
      await page.locator('[data-testid="current-call"][data-phase="ended"]').waitFor({ timeout: 30_000 });
      const ended = await api.getCall(callId);
      expect(ended.status).toBe('COMPLETED');
      expect(await panel.getByTestId('current-call-timer').getAttribute('data-seconds')).toBe(String(ended.durationSeconds));
      await panel.getByLabel('Disposition').selectOption('INTERESTED');
      await panel.getByLabel('Notes').fill('Wants a demo next week');
      await panel.getByRole('button', { name: 'Save disposition' }).click();
      await panel.getByTestId('disposition-saved').waitFor();
      expect(await api.getCall(callId)).toMatchObject({ disposition: 'INTERESTED', notes: 'Wants a demo next week' });
      await page.screenshot({ path: join(ARTIFACTS, 'incoming-call-disposition.png') });

      // The closer records calls: once the carrier delivers the recording, the call page plays it.
      const recorded = await waitFor(async () => (await api.getCall(callId)).recordingUrl, {
        what: 'the recording URL',
        timeoutMs: 20_000,
      });
      await panel.getByRole('link', { name: 'details' }).click();
      await page.waitForURL(`**/calls/${callId}`);
      expect(await page.getByRole('main').getByTestId('recording-audio').getAttribute('src')).toBe(recorded);

      expect(await other.getByTestId('incoming-call-modal').count()).toBe(0);
      expect(await other.getByTestId('current-call').count()).toBe(0);
    } catch (err) {
      console.error(`${stack.logs()}\n----- console -----\n${consoleServer.logs()}`);
      throw err;
    } finally {
      for (const context of contexts) await context.close();
    }
  }, 180_000);

  it('shows an unknown number as "Unknown caller" and ends the call when it is rejected with a reason', async () => {
    const contexts: BrowserContext[] = [];
    try {
      const email = `reject-${randomBytes(4).toString('hex')}@example.com`;
      const api = new ApiClient(stack.apiUrl);
      await api.signup({ email, password: PASSWORD, name: 'Busy owner' });
      const desk = await api.createAgent({ name: 'Desk', provider: 'simulator', fromNumber: `+1628557${randomInt(1000, 9999)}` });
      const context = await browser.newContext({ baseURL: consoleServer.url });
      contexts.push(context);
      const page = await context.newPage();
      await logIn(page, email);

      const stranger = `+1415556${randomInt(1000, 9999)}`;
      const ring = await fetch(`${stack.simUrl}/sim/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: stranger, to: desk.fromNumber }),
      });
      expect(ring.status).toBe(201);
      const modal = page.getByTestId('incoming-call-modal');
      await modal.waitFor({ timeout: 15_000 });
      expect(await modal.getByTestId('incoming-caller-name').textContent()).toBe('Unknown caller');
      expect(await modal.getByTestId('incoming-caller-phone').textContent()).toBe(stranger);
      const callId = (await modal.getAttribute('data-call-id')) as string;

      await modal.getByRole('button', { name: 'Reject' }).click();
      await modal.getByLabel('Reason (optional)').fill('outside business hours');
      await modal.getByRole('button', { name: 'Confirm reject' }).click();
      await modal.waitFor({ state: 'detached' });
      const ended = await waitFor(
        async () => {
          const call = await api.getCall(callId);
          return ['COMPLETED', 'CANCELED', 'FAILED', 'BUSY', 'MISSED'].includes(call.status) ? call : undefined;
        },
        { what: 'the rejected call to end', timeoutMs: 20_000 },
      );
      expect(ended.failureReason).toBe('rejected: outside business hours');
      expect(await page.getByTestId('current-call').count()).toBe(0);
    } catch (err) {
      console.error(`${stack.logs()}\n----- console -----\n${consoleServer.logs()}`);
      throw err;
    } finally {
      for (const context of contexts) await context.close();
    }
  }, 120_000);
});
