import { join } from 'node:path';
import { createTestDatabase, randomPrefix, type TestDatabase } from '@dialwave/testkit';
import { startStack, type Stack, type StackOptions } from '@dialwave/launcher';
import { CarrierTap } from './carrier-tap';
import { DEADLINES } from './deadlines';

export interface OutboundSuite {
  db: TestDatabase;
  stack: Stack;
  /** Every call-create request the dialers sent to the carrier. */
  tap: CarrierTap;
  /** Runs a test body; when it throws, prints every process's recent output before rethrowing. */
  withLogsOnFailure<T>(body: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export type OutboundSuiteOptions = Omit<StackOptions, 'databaseUrl' | 'queuePrefix'> & {
  /** A Postgres server of the suite's own (a fault test stops it); the shared test server by default. */
  databaseServerUrl?: string;
};

/**
 * One suite's world: its own Postgres schema, its own BullMQ prefix, every service as a real process, and a
 * tap between the dialers and the carrier simulator.
 */
export async function startOutboundSuite(options: OutboundSuiteOptions = {}): Promise<OutboundSuite> {
  const { databaseServerUrl, ...stackOptions } = options;
  const db = await createTestDatabase(databaseServerUrl);
  const tap = new CarrierTap();
  let stack: Stack | undefined;
  try {
    const tapUrl = await tap.start();
    stack = await startStack({
      simTimeScale: 0.01,
      // Two cores shared with other suites: a cold `node --import tsx` start can take tens of seconds.
      readyTimeoutMs: DEADLINES.stackReadyMs,
      // The outbound path does not involve the realtime gateway; two cores are better spent elsewhere.
      services: ['carrier-sim', 'webhook-ingest', 'campaign-api', 'dialer-worker'],
      // E2E_LOG_DIR=/tmp/e2e-logs keeps every process's full output, one file per process and suite.
      logDir: process.env.E2E_LOG_DIR ? join(process.env.E2E_LOG_DIR, db.schema) : undefined,
      ...stackOptions,
      databaseUrl: db.url,
      queuePrefix: randomPrefix('e2e'),
      serviceEnv: {
        ...stackOptions.serviceEnv,
        'dialer-worker': { ...stackOptions.serviceEnv?.['dialer-worker'], TWILIO_API_BASE_URL: tapUrl },
      },
    });
    tap.forwardTo(stack.simUrl);
  } catch (err) {
    await tap.stop();
    await db.drop();
    throw err;
  }
  const started = stack;
  return {
    db,
    stack: started,
    tap,
    async withLogsOnFailure<T>(body: () => Promise<T>): Promise<T> {
      try {
        return await body();
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        process.stderr.write(`\n===== service logs (test failed: ${reason}) =====\n${logTails(started)}\n`);
        throw err;
      }
    },
    async stop() {
      await started.stop();
      await tap.stop();
      await db.drop();
    },
  };
}

function logTails(stack: Stack, lines = 120): string {
  return [...stack.services]
    .map(([name, service]) => `----- ${name} (last ${lines} lines) -----\n${service.logs().split('\n').slice(-lines).join('\n')}`)
    .join('\n');
}
