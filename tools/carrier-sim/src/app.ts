import express, { type Express } from 'express';
import { type Logger } from '@dialwave/platform';
import { errorMiddleware, notFoundHandler } from '@dialwave/platform/http';
import { CallRunner } from './calls/call-runner';
import { CallbackSender } from './calls/callback-sender';
import { Chaos } from './chaos';
import { debugRoutes } from './http/debug-routes';
import { inboundRoutes } from './inbound/inbound-routes';
import { numberListRoutes } from './numbers/number-list-routes';
import { OwnedNumbers } from './numbers/owned-numbers';
import { CallRecordings } from './recordings/call-recordings';
import { RecordingFiles } from './recordings/recording-files';
import { recordingRoutes } from './recordings/recording-routes';
import { SansPbxCallRunner } from './sanspbx/sanspbx-call-runner';
import { sansPbxRoutes } from './sanspbx/sanspbx-routes';
import { SansPbxTokenStore } from './sanspbx/token-store';
import {
  DEFAULT_INBOUND_MAX_WAIT_SECONDS,
  DEFAULT_OWNED_NUMBERS,
  resolveSansPbxConfig,
  type RandomSource,
  type SimConfig,
} from './sim-config';
import { twilioRestRoutes } from './twilio/rest-routes';
import { SimVoiceRuntime } from './voice-runtime/sim-voice-runtime';

export interface SimulatorDeps {
  config: SimConfig;
  logger: Logger;
  random: RandomSource;
}

export interface Simulator {
  app: Express;
  runner: CallRunner;
  sender: CallbackSender;
  sansPbx: SansPbxCallRunner;
  voiceRuntime: SimVoiceRuntime;
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
  const files = new RecordingFiles();
  const voiceRuntime = new SimVoiceRuntime({ authToken: config.authToken, chaos, logger, retryDelaysMs: config.callbackRetryDelaysMs });
  const runner: CallRunner = new CallRunner({
    timeScale: config.timeScale,
    sender,
    logger,
    onAnswered: (call) => voiceRuntime.callAnswered(call),
    answerTwiml: (call) => voiceRuntime.answerTwiml(call),
    onCallEnded: (call) => {
      recordings.finishAll(call);
      voiceRuntime.callEnded(call);
    },
  });
  const recordings = new CallRecordings({ runner, sender, files });
  const sansPbxConfig = resolveSansPbxConfig(config.sansPbx);
  const sansPbx = new SansPbxCallRunner({
    timeScale: config.timeScale,
    chaos,
    files,
    retryDelaysMs: config.callbackRetryDelaysMs,
    logger,
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(debugRoutes(runner, voiceRuntime));
  app.use(twilioRestRoutes({ accountSid: config.accountSid, authToken: config.authToken, runner }));
  app.use(
    numberListRoutes({
      accountSid: config.accountSid,
      authToken: config.authToken,
      incoming: new OwnedNumbers(config.ownedNumbers ?? DEFAULT_OWNED_NUMBERS),
      callerIds: new OwnedNumbers(config.verifiedCallerIds ?? []),
      inboundVoiceUrl: config.inboundWebhookBaseUrl ? `${config.inboundWebhookBaseUrl.replace(/\/+$/, '')}/twilio/incoming` : undefined,
    }),
  );
  app.use(recordingRoutes({ accountSid: config.accountSid, authToken: config.authToken, runner, recordings, files }));
  app.use(
    inboundRoutes({
      accountSid: config.accountSid,
      authToken: config.authToken,
      runner,
      webhookBaseUrl: config.inboundWebhookBaseUrl,
      statusCallbackUrl: config.inboundStatusCallbackUrl,
      maxWaitSeconds: config.inboundMaxWaitSeconds ?? DEFAULT_INBOUND_MAX_WAIT_SECONDS,
    }),
  );
  app.use(sansPbxRoutes({ config: sansPbxConfig, tokens: new SansPbxTokenStore(sansPbxConfig.tokenTtlSeconds), runner: sansPbx }));
  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));

  return {
    app,
    runner,
    sender,
    sansPbx,
    voiceRuntime,
    async close() {
      runner.close();
      await Promise.all([sender.close(), sansPbx.close(), voiceRuntime.close()]);
    },
  };
}
