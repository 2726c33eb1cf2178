import { randomBytes } from 'node:crypto';
import type { Logger } from '@dialwave/platform';
import { buildCallbackParams } from '../twilio/callback-params';
import type { CallbackSender } from './callback-sender';
import type { TerminalStatus } from './outcome-plan';
import type { CallProgressEvent, ConnectedPlan, SimCall, SimCallStatus } from './sim-call';
import { isTerminalStatus } from './sim-call';

export interface CreateCallInput {
  accountSid: string;
  to: string;
  from: string;
  plan: ConnectedPlan;
  machineDetection: boolean;
  record: boolean;
  timeoutSeconds?: number;
  statusCallback?: string;
  statusCallbackMethod: 'POST' | 'GET';
  events: ReadonlySet<CallProgressEvent>;
}

export interface CallRunnerDeps {
  timeScale: number;
  sender: CallbackSender;
  logger: Logger;
  /** Monotonic milliseconds; injectable so talk-time arithmetic can be tested. */
  nowMs?: () => number;
}

export type HangUpResult =
  | { ok: true; call: SimCall }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'not-live' | 'already-answered'; call: SimCall };

/** Plays each call's outcome plan on timers and reports every status change as Twilio would. */
export class CallRunner {
  private readonly calls = new Map<string, SimCall>();
  private closed = false;

  constructor(private readonly deps: CallRunnerDeps) {}

  create(input: CreateCallInput): SimCall {
    const now = new Date();
    const call: SimCall = {
      ...input,
      sid: `CA${randomBytes(16).toString('hex')}`,
      status: 'queued',
      dateCreated: now,
      dateUpdated: now,
      nextSequenceNumber: 0,
      callbacks: [],
      timers: new Set(),
    };
    this.calls.set(call.sid, call);
    this.after(call, 0, () => this.initiate(call));
    return call;
  }

  get(sid: string): SimCall | undefined {
    return this.calls.get(sid);
  }

  /**
   * `Status=completed` ends a live call; before answer it is a cancel, as is `Status=canceled`. Twilio
   * ignores `canceled` once a call is in progress, so that is reported as `already-answered`.
   */
  hangUp(sid: string, requested: 'completed' | 'canceled'): HangUpResult {
    const call = this.calls.get(sid);
    if (!call) return { ok: false, reason: 'not-found' };
    if (isTerminalStatus(call.status)) return { ok: false, reason: 'not-live', call };
    if (call.status === 'in-progress') {
      if (requested === 'canceled') return { ok: false, reason: 'already-answered', call };
      this.finish(call, 'completed', this.talkSecondsSoFar(call));
    } else {
      this.finish(call, 'canceled', 0);
    }
    return { ok: true, call };
  }

  close(): void {
    this.closed = true;
    for (const call of this.calls.values()) this.clearTimers(call);
  }

  private initiate(call: SimCall): void {
    call.startTime = new Date();
    this.transition(call, 'initiated', 'initiated');
    const plan = call.plan;
    switch (plan.kind) {
      case 'answered':
        this.transition(call, 'ringing', 'ringing');
        this.after(call, plan.ringSeconds, () => this.answer(call, plan));
        break;
      case 'unanswered':
        this.transition(call, 'ringing', 'ringing');
        this.after(call, plan.ringSeconds, () => this.finish(call, plan.terminalStatus, 0));
        break;
      case 'rejected':
        this.after(call, plan.afterSeconds, () => this.finish(call, plan.terminalStatus, 0));
        break;
    }
  }

  private answer(call: SimCall, plan: Extract<ConnectedPlan, { kind: 'answered' }>): void {
    call.answeredAtMs = this.nowMs();
    call.answeredBy = plan.answeredBy;
    this.transition(call, 'in-progress', 'answered');
    this.after(call, plan.talkSeconds, () => this.finish(call, 'completed', plan.talkSeconds));
  }

  private finish(call: SimCall, status: TerminalStatus, durationSeconds: number): void {
    this.clearTimers(call);
    call.endTime = new Date();
    call.durationSeconds = durationSeconds;
    this.transition(call, status, 'completed');
    this.deps.sender.flush(call);
    this.deps.logger.info({ callSid: call.sid, to: call.to, status, durationSeconds }, 'call ended');
  }

  private transition(call: SimCall, status: SimCallStatus, event: CallProgressEvent): void {
    const now = new Date();
    call.status = status;
    call.dateUpdated = now;
    if (!call.events.has(event)) return;
    this.deps.sender.dispatch(call, event, buildCallbackParams(call, now), isTerminalStatus(status));
  }

  /** Talk time in nominal seconds: real elapsed time divided by the time scale. */
  private talkSecondsSoFar(call: SimCall): number {
    if (call.answeredAtMs === undefined) return 0;
    return Math.round((this.nowMs() - call.answeredAtMs) / this.deps.timeScale / 1000);
  }

  private after(call: SimCall, nominalSeconds: number, action: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      call.timers.delete(timer);
      action();
    }, nominalSeconds * 1000 * this.deps.timeScale);
    call.timers.add(timer);
  }

  private clearTimers(call: SimCall): void {
    for (const timer of call.timers) clearTimeout(timer);
    call.timers.clear();
  }

  private nowMs(): number {
    return this.deps.nowMs ? this.deps.nowMs() : performance.now();
  }
}
