import express, { type Express } from 'express';
import { errorMiddleware, notFoundHandler, type Logger } from '@dialwave/platform';
import { CallRunner } from './calls/call-runner';
import { CallbackSender } from './calls/callback-sender';
import { Chaos } from './chaos';
import { debugRoutes } from './http/debug-routes';
import { inboundRoutes } from './inbound/inbound-routes';
import type { RandomSource, SimConfig } from './sim-config';
import { twilioRestRoutes } from './twilio/rest-routes';

export interface SimulatorDeps {
  config: SimConfig;
  logger: Logger;
  random: RandomSource;
}

export interface Simulator {
  app: Express;
  runner: CallRunner;
  sender: CallbackSender;
  /** Stops every call timer and pending callback delivery; the HTTP server is closed by its owner. */
  close(): Promise<void>;
}

export function createSimulator({ config, logger, random }: SimulatorDeps): Simulator {
  const chaos = new Chaos(config, random);
  const sender = new CallbackSender({
    authToken: config.authToken,
    chaos,
    retryDelaysMs: config.callbackRetryDelaysMs,
    logger,
  });
  const runner = new CallRunner({ timeScale: config.timeScale, sender, logger });

  const app = express();
  app.disable('x-powered-by');
  app.use(debugRoutes(runner));
  app.use(twilioRestRoutes({ accountSid: config.accountSid, authToken: config.authToken, runner }));
  app.use(
    inboundRoutes({ accountSid: config.accountSid, authToken: config.authToken, webhookBaseUrl: config.inboundWebhookBaseUrl }),
  );
  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));

  return {
    app,
    runner,
    sender,
    async close() {
      runner.close();
      await sender.close();
    },
  };
}
