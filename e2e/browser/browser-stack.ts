import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestDatabase, freePort, waitFor, type TestDatabase } from '@dialwave/testkit';
import { DEADLINES } from '../helpers/deadlines';
import { buildConsole, REPO_ROOT, startConsole, startStack, type ServiceProcess, type Stack, type StackOptions } from '@dialwave/launcher';

export const ARTIFACTS = join(REPO_ROOT, 'artifacts');
export const PASSWORD = 'correct-horse-battery';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying this machine's closed network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserStack {
  db: TestDatabase;
  stack: Stack;
  consoleServer: ServiceProcess;
  browser: Browser;
  stop(): Promise<void>;
}

/** The whole system as a person meets it: every service, the built console behind its server, and Debian's chromium. */
export async function startBrowserStack(options: Pick<StackOptions, 'simTimeScale' | 'serviceEnv' | 'supervise'>): Promise<BrowserStack> {
  const db = await createTestDatabase();
  const parts: Partial<BrowserStack> = { db };
  const stop = async () => {
    await parts.browser?.close();
    await parts.consoleServer?.stop();
    await parts.stack?.stop();
    await db.drop();
  };
  try {
    // Built while the stack boots.
    const building = buildConsole();
    // The same readiness deadline as every other e2e stack: the console builds meanwhile, on the same two cores.
    parts.stack = await startStack({ databaseUrl: db.url, readyTimeoutMs: DEADLINES.stackReadyMs, ...options });
    const distDir = await building;
    parts.consoleServer = await startConsole({
      port: await freePort(),
      apiUrl: parts.stack.apiUrl,
      gatewayUrl: parts.stack.gatewayUrl,
      distDir,
    });
    parts.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(ARTIFACTS, { recursive: true });
  } catch (err) {
    await stop();
    throw err;
  }
  return { db, stack: parts.stack, consoleServer: parts.consoleServer, browser: parts.browser, stop };
}

export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/campaigns');
  await waitFor(async () => (await page.getByTestId('connection').textContent()) === 'Live', { what: 'the realtime connection' });
}
