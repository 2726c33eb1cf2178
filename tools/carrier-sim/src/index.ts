import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '@dialwave/platform';
import { createSimulator, type Simulator } from './app';
import { seededRandom } from './random';
import {
  DEFAULT_CALLBACK_RETRY_DELAYS_MS,
  DEV_TWILIO_ACCOUNT_SID,
  DEV_TWILIO_AUTH_TOKEN,
  type RandomSource,
  type SimConfig,
} from './sim-config';

export { createSimulator } from './app';
export type { Simulator, SimulatorDeps } from './app';
export type { SimConfig, RandomSource } from './sim-config';
export { seededRandom } from './random';
export { DEFAULT_OWNED_NUMBERS } from './sim-config';
export { planOutcome } from './calls/outcome-plan';
export type { OutcomePlan } from './calls/outcome-plan';
export { startCallbackReceiver } from './testing/callback-receiver';
export { reportScriptFor, scriptedReport } from './voice-runtime/report-scripts';
export type { ReportScriptName, SimulatedReport } from './voice-runtime/report-scripts';
export type { VoiceSession } from './voice-runtime/sim-voice-runtime';
export type { CallbackReceiver, ReceivedCallback } from './testing/callback-receiver';

export { DEV_SANSPBX_ACCESS_KEY, DEV_SANSPBX_ACCESS_TOKEN, DEV_TWILIO_ACCOUNT_SID, DEV_TWILIO_AUTH_TOKEN } from './sim-config';
export type { SansPbxConfig } from './sim-config';
export type { SansPbxCallbackPayload, SansPbxDisposition } from './sanspbx/sanspbx-call';
export { formatIndiaTime } from './sanspbx/india-time';

export interface StartCarrierSimOptions extends Partial<SimConfig> {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  random?: RandomSource;
  /** Seed for the chaos random source when `random` is not given. */
  seed?: number;
  logger?: Logger;
}

export interface RunningCarrierSim {
  /** Base URL to give the Twilio SDK (`TWILIO_API_BASE_URL`), e.g. http://127.0.0.1:40123 */
  url: string;
  simulator: Simulator;
  close(): Promise<void>;
}

/** Starts the simulator in-process, for e2e tests and benchmarks. */
export async function startCarrierSim(options: StartCarrierSimOptions = {}): Promise<RunningCarrierSim> {
  const config: SimConfig = {
    accountSid: options.accountSid ?? DEV_TWILIO_ACCOUNT_SID,
    authToken: options.authToken ?? DEV_TWILIO_AUTH_TOKEN,
    timeScale: options.timeScale ?? 1,
    duplicateRate: options.duplicateRate ?? 0,
    reorderRate: options.reorderRate ?? 0,
    dropRate: options.dropRate ?? 0,
    reportDropRate: options.reportDropRate ?? 0,
    inboundWebhookBaseUrl: options.inboundWebhookBaseUrl,
    inboundStatusCallbackUrl: options.inboundStatusCallbackUrl,
    inboundMaxWaitSeconds: options.inboundMaxWaitSeconds,
    sansPbx: options.sansPbx,
    callbackRetryDelaysMs: options.callbackRetryDelaysMs ?? DEFAULT_CALLBACK_RETRY_DELAYS_MS,
    ownedNumbers: options.ownedNumbers,
    verifiedCallerIds: options.verifiedCallerIds,
  };
  const logger = options.logger ?? createLogger('carrier-sim', 'silent');
  const random = options.random ?? (options.seed === undefined ? Math.random : seededRandom(options.seed));
  const simulator = createSimulator({ config, logger, random });
  const host = options.host ?? '127.0.0.1';
  const server = simulator.app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    simulator,
    async close() {
      await simulator.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
