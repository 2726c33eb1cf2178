import { createLogger } from '@dialwave/platform';
import { Chaos } from '../chaos';
import { CallbackSender } from './callback-sender';
import { CallRunner } from './call-runner';
import { planOutcome } from './outcome-plan';
import type { ConnectedPlan } from './sim-call';

describe('CallRunner talk time', () => {
  const logger = createLogger('carrier-sim-test', 'silent');
  let clock = 0;
  let runner: CallRunner;

  beforeEach(() => {
    jest.useFakeTimers();
    clock = 0;
    const sender = new CallbackSender({
      authToken: 'token',
      chaos: new Chaos({ duplicateRate: 0, reorderRate: 0, dropRate: 0 }, () => 0.5),
      retryDelaysMs: [],
      logger,
    });
    runner = new CallRunner({ timeScale: 0.01, sender, logger, nowMs: () => clock });
  });

  afterEach(() => {
    runner.close();
    jest.useRealTimers();
  });

  function advance(ms: number) {
    clock += ms;
    jest.advanceTimersByTime(ms);
  }

  function createCall(to: string) {
    return runner.create({
      accountSid: 'AC1',
      to,
      from: '+15550001000',
      plan: planOutcome(to) as ConnectedPlan,
      machineDetection: false,
      record: false,
      statusCallbackMethod: 'POST',
      events: new Set(['completed']),
    });
  }

  it('a call hung up early reports real talk time divided by the time scale, rounded', () => {
    const call = createCall('+15550000090');
    advance(10); // 1 nominal second of ringing at scale 0.01
    expect(call.status).toBe('in-progress');
    advance(47);
    expect(runner.hangUp(call.sid, 'completed')).toMatchObject({ ok: true });
    expect(call.status).toBe('completed');
    expect(call.durationSeconds).toBe(5);
  });

  it('a call left alone reports its nominal talk time, not the scaled wait', () => {
    const call = createCall('+15550000090');
    advance(10);
    advance(110);
    expect(call.status).toBe('completed');
    expect(call.durationSeconds).toBe(11);
  });

  it('canceled is ignored once a call is in progress', () => {
    const call = createCall('+15550000001');
    advance(10);
    expect(runner.hangUp(call.sid, 'canceled')).toMatchObject({ ok: false, reason: 'already-answered' });
    expect(call.status).toBe('in-progress');
  });

  it('completed before answer cancels the call with zero duration', () => {
    const call = createCall('+15550000006');
    advance(1);
    expect(call.status).toBe('ringing');
    runner.hangUp(call.sid, 'completed');
    expect(call.status).toBe('canceled');
    expect(call.durationSeconds).toBe(0);
    advance(100);
    expect(call.status).toBe('canceled');
  });

  it('a held carrier keeps every call where it is until released, then plays the rest of each plan', () => {
    runner.hold();
    const ringing = createCall('+15550000090');
    const queued = createCall('+15550000001');
    advance(1);
    expect(queued.status).toBe('queued');
    expect(ringing.status).toBe('queued');
    advance(10_000);
    expect([ringing.status, queued.status]).toEqual(['queued', 'queued']);

    runner.release();
    expect([ringing.status, queued.status]).toEqual(['ringing', 'ringing']);
    advance(10);
    expect(ringing.status).toBe('in-progress');
    advance(110);
    expect(ringing.status).toBe('completed');
    expect(ringing.durationSeconds).toBe(11);
  });

  it('a call hung up while held stays ended when the carrier is released', () => {
    const call = createCall('+15550000090');
    advance(1);
    runner.hold();
    advance(20);
    expect(call.status).toBe('ringing');
    runner.hangUp(call.sid, 'completed');
    runner.release();
    advance(200);
    expect(call.status).toBe('canceled');
  });
});
