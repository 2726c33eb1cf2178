import { Router } from 'express';
import { AppError } from '@dialwave/platform';
import type { CallRunner } from '../calls/call-runner';
import { toCallResource } from '../twilio/call-resource';
import type { SimVoiceRuntime } from '../voice-runtime/sim-voice-runtime';

/** What tests and humans look at: liveness, and one call's state with every callback it sent. */
export function debugRoutes(runner: CallRunner, voiceRuntime: SimVoiceRuntime): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // The simulator holds no connections, so it is ready as soon as it answers.
  router.get('/readyz', (_req, res) => {
    res.json({ status: 'ready' });
  });
  // The far end of every call stands still until released (CallRunner.hold): for tests that must act on a
  // campaign before the carrier's clock finishes it.
  router.post('/sim/hold', (_req, res) => {
    runner.hold();
    res.json({ held: true });
  });
  router.post('/sim/release', (_req, res) => {
    runner.release();
    res.json({ held: false });
  });
  router.get('/sim/calls/:sid', (req, res) => {
    const call = runner.get(req.params.sid);
    if (!call) throw AppError.notFound(`call ${req.params.sid}`);
    res.json({
      resource: toCallResource(call),
      direction: call.direction,
      plan: call.plan,
      twiml: call.twiml ?? null,
      redirectUrl: call.redirectUrl ?? null,
      answerUrl: call.answerUrl ?? null,
      voice: voiceRuntime.session(call.sid) ?? null,
      queue: call.queue ?? null,
      queueWaitSeconds: call.queueWaitSeconds ?? null,
      statusCallback: call.statusCallback ?? null,
      events: [...call.events],
      callbacks: call.callbacks,
      recordings: call.recordings.map(({ statusCallbackEvents, ...recording }) => ({
        ...recording,
        statusCallbackEvents: [...statusCallbackEvents],
      })),
    });
  });
  return router;
}
