import { createServer } from 'node:http';
import { closeHttpServer, listen, runService, type ServiceContext } from '@dialwave/platform';
import { createSimulator } from './app';
import { loadEnv, type TCarrierSimEnv } from './env';
import { DEFAULT_CALLBACK_RETRY_DELAYS_MS } from './sim-config';

runService({ name: 'carrier-sim', loadEnv, shutdownGraceMs: () => 30_000, start });

async function start({ env, logger, shutdown }: ServiceContext<TCarrierSimEnv>): Promise<void> {
  const simulator = createSimulator({
    config: {
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      timeScale: env.SIM_TIME_SCALE,
      duplicateRate: env.SIM_DUPLICATE_RATE,
      reorderRate: env.SIM_REORDER_RATE,
      dropRate: env.SIM_DROP_RATE,
      reportDropRate: env.SIM_REPORT_DROP_RATE,
      inboundWebhookBaseUrl: env.SIM_INBOUND_WEBHOOK_URL ?? env.PUBLIC_WEBHOOK_URL,
      inboundStatusCallbackUrl: env.SIM_INBOUND_STATUS_CALLBACK_URL,
      inboundMaxWaitSeconds: env.SIM_INBOUND_MAX_WAIT_S,
      sansPbx: {
        accessToken: env.SANSPBX_ACCESS_TOKEN,
        accessKey: env.SANSPBX_ACCESS_KEY,
        tokenTtlSeconds: env.SIM_SANSPBX_TOKEN_TTL_S,
      },
      callbackRetryDelaysMs: DEFAULT_CALLBACK_RETRY_DELAYS_MS,
      ownedNumbers: env.SIM_OWNED_NUMBERS,
      verifiedCallerIds: env.SIM_VERIFIED_CALLER_IDS,
    },
    logger,
    random: Math.random,
  });

  const server = createServer(simulator.app);
  shutdown.register('simulator', () => simulator.close());
  shutdown.register('http', () => closeHttpServer(server, 1000));
  await listen(server, env.SIM_PORT);
  logger.info({ port: env.SIM_PORT, timeScale: env.SIM_TIME_SCALE }, 'carrier simulator listening');
}
