import { randomBytes } from 'node:crypto';
import type { Logger } from '@dialwave/platform';
import { buildCallbackParams } from '../twilio/callback-params';
import type { CallbackSender } from './callback-sender';
import { MACHINE_GREETING_SECONDS, readMachineTwiml } from './machine-answer';
import type { TerminalStatus } from './outcome-plan';
import type { CallProgressEvent, ConnectedPlan, InboundPlan, SimCall, SimCallStatus } from './sim-call';
import { isTerminalStatus } from './sim-call';

export interface CreateCallInput {
  accountSid: string;
  to: string;
  from: string;
  plan: ConnectedPlan;
  machineDetection: boolean;
  detectMessageEnd?: boolean;
  record: boolean;
  timeoutSeconds?: number;
  statusCallback?: string;
  statusCallbackMethod: 'POST' | 'GET';
  events: ReadonlySet<CallProgressEvent>;
  answerUrl?: string;
}

export interface CreateInboundCallInput {
  accountSid: string;
  from: string;
  to: string;
  plan: InboundPlan;
  statusCallback?: string;
}

export type AcceptResult =
  { ok: true; call: SimCall } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'not-live'; call: SimCall };

export interface CallRunnerDeps {
  timeScale: number;
  sender: CallbackSender;
  logger: Logger;
  /** Runs when an outbound call is answered, after its `in-progress` callback (the voice URL is fetched then). */
  onAnswered?: (call: SimCall) => void;
  /** The TwiML the answer URL gave the call (after onAnswered fetched it); undefined when there is none. */
  answerTwiml?: (call: SimCall) => Promise<string | undefined>;
  /** Runs after a call's terminal status is reported (recordings finish then). */
  onCallEnded?: (call: SimCall) => void;
  /** Monotonic milliseconds; injectable so talk-time arithmetic can be tested. */
  nowMs?: () => number;
}

export type HangUpResult =
  { ok: true; call: SimCall } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'not-live' | 'already-answered'; call: SimCall };

/** Plays each call's outcome plan on timers and reports every status change as Twilio would. */
export class CallRunner {
  private readonly calls = new Map<string, SimCall>();
  private closed = false;
  /** While held, every call's own progress (ringing, answer, hang-up) waits; see `hold()`. */
  private held = false;
  private readonly heldActions: { call: SimCall; action: () => void }[] = [];

  constructor(private readonly deps: CallRunnerDeps) {}

  create(input: CreateCallInput): SimCall {
    const now = new Date();
    const call: SimCall = {
      ...input,
      sid: newCallSid(),
      direction: 'outbound-api',
      status: 'queued',
      dateCreated: now,
      dateUpdated: now,
      nextSequenceNumber: 0,
      callbacks: [],
      recordings: [],
      timers: new Set(),
    };
    this.calls.set(call.sid, call);
    this.after(call, 0, () => this.initiate(call));
    return call;
  }

  /** Someone dials one of our numbers: the call rings while the inbound webhook decides what to do. */
  createInbound(input: CreateInboundCallInput): SimCall {
    const now = new Date();
    const call: SimCall = {
      ...input,
      sid: newCallSid(),
      direction: 'inbound',
      status: 'ringing',
      dateCreated: now,
      dateUpdated: now,
      startTime: now,
      machineDetection: false,
      record: false,
      statusCallbackMethod: 'POST',
      // A number's status callback reports the answer and the end of its calls.
      events: new Set<CallProgressEvent>(['answered', 'completed']),
      nextSequenceNumber: 0,
      callbacks: [],
      recordings: [],
      timers: new Set(),
    };
    this.calls.set(call.sid, call);
    return call;
  }

  /** The webhook answered with TwiML: `<Enqueue>` parks the caller until an agent accepts or they give up. */
  runInboundTwiml(call: SimCall, twiml: string): void {
    call.twiml = twiml;
    if (call.plan.kind !== 'inbound' || isTerminalStatus(call.status)) return;
    call.answeredAtMs = this.nowMs();
    this.transition(call, 'in-progress', 'answered');
    if (!/<Enqueue[\s>/]/.test(twiml)) {
      this.finish(call, 'completed', 0);
      return;
    }
    call.queue = 'waiting';
    const maxWait = call.plan.maxWaitSeconds;
    this.after(call, maxWait, () => {
      call.queue = 'abandoned';
      this.finish(call, 'completed', maxWait);
    });
  }

  /** The inbound webhook failed or answered non-2xx: Twilio gives up on the call. */
  failInbound(call: SimCall): void {
    if (isTerminalStatus(call.status)) return;
    this.finish(call, 'failed', 0);
  }

  /**
   * A REST update with new TwiML or a Url. For an inbound caller waiting in the queue this is an agent
   * accepting: the redirect bridges the caller, who talks for the plan's seconds and hangs up. Any other
   * live call just runs the new TwiML on its current timeline.
   */
  redirect(sid: string, target: { twiml?: string; url?: string }): AcceptResult {
    const call = this.calls.get(sid);
    if (!call) return { ok: false, reason: 'not-found' };
    if (isTerminalStatus(call.status)) return { ok: false, reason: 'not-live', call };
    call.twiml = target.twiml;
    call.redirectUrl = target.url;
    call.dateUpdated = new Date();
    if (call.queue === 'waiting' && call.plan.kind === 'inbound') {
      this.clearTimers(call);
      const waited = this.talkSecondsSoFar(call);
      const talk = call.plan.talkSeconds;
      call.queue = 'accepted';
      call.queueWaitSeconds = waited;
      this.after(call, talk, () => this.finish(call, 'completed', waited + talk));
    }
    return { ok: true, call };
  }

  /** Calls matching Twilio's list filters, newest first (as Twilio lists them). */
  list(filter: { to?: string; from?: string }): SimCall[] {
    return [...this.calls.values()]
      .filter((call) => (filter.to === undefined || call.to === filter.to) && (filter.from === undefined || call.from === filter.from))
      .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime());
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
      if (call.queue === 'waiting') call.queue = 'rejected';
      this.finish(call, 'completed', this.talkSecondsSoFar(call));
    } else {
      this.finish(call, 'canceled', 0);
    }
    return { ok: true, call };
  }

  /**
   * Freezes the far end of every call: a progress step that falls due while held waits for `release()`.
   * Requests are still answered (new calls are accepted and stay queued; a hang-up ends a call at once), so a
   * test can keep a campaign's calls live for as long as it needs instead of racing the carrier's clock.
   */
  hold(): void {
    this.held = true;
  }

  /** Lets every held step run, in the order it fell due; a call ended meanwhile is left as it is. */
  release(): void {
    this.held = false;
    for (const { call, action } of this.heldActions.splice(0)) {
      if (!isTerminalStatus(call.status)) action();
    }
  }

  isHeld(): boolean {
    return this.held;
  }

  close(): void {
    this.closed = true;
    this.heldActions.length = 0;
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
      case 'inbound':
        break;
    }
  }

  private answer(call: SimCall, plan: Extract<ConnectedPlan, { kind: 'answered' }>): void {
    call.answeredAtMs = this.nowMs();
    if (plan.answeredBy !== 'human' && call.machineDetection) {
      this.answerMachine(call, plan);
      return;
    }
    call.answeredBy = plan.answeredBy;
    this.transition(call, 'in-progress', 'answered');
    this.deps.onAnswered?.(call);
    this.after(call, plan.talkSeconds, () => this.finish(call, 'completed', plan.talkSeconds));
  }

  /**
   * A machine answered and detection was asked for (machine-answer.ts). Enable reports `machine_start` at
   * once; DetectMessageEnd lets the greeting play out and reports `machine_end_beep` at the beep. Then, as
   * Twilio's synchronous detection does, the call waits for the answer URL's TwiML: a hang-up ends it at
   * once; after the beep, a message is recorded for as long as it takes to say it; otherwise the machine
   * records its usual 3 seconds.
   */
  private answerMachine(call: SimCall, plan: Extract<ConnectedPlan, { kind: 'answered' }>): void {
    const greeting = call.detectMessageEnd ? MACHINE_GREETING_SECONDS : 0;
    this.after(call, greeting, () => {
      call.answeredBy = call.detectMessageEnd ? 'machine_end_beep' : 'machine_start';
      call.machineGreetingSeconds = greeting;
      this.transition(call, 'in-progress', 'answered');
      this.deps.onAnswered?.(call);
      const twiml = this.deps.answerTwiml ? this.deps.answerTwiml(call) : Promise.resolve(undefined);
      twiml.then(
        (document) => this.playToMachine(call, plan, greeting, document),
        () => this.playToMachine(call, plan, greeting, undefined),
      );
    });
  }

  private playToMachine(
    call: SimCall,
    plan: Extract<ConnectedPlan, { kind: 'answered' }>,
    greeting: number,
    twiml: string | undefined,
  ): void {
    if (isTerminalStatus(call.status) || this.closed) return;
    const heard = twiml === undefined ? undefined : readMachineTwiml(twiml);
    if (heard?.kind === 'hangup') {
      this.finish(call, 'completed', greeting);
      return;
    }
    const seconds = heard?.kind === 'message' && call.detectMessageEnd ? heard.seconds : plan.talkSeconds;
    this.after(call, seconds, () => this.finish(call, 'completed', greeting + seconds));
  }

  private finish(call: SimCall, status: TerminalStatus, durationSeconds: number): void {
    this.clearTimers(call);
    call.endTime = new Date();
    call.durationSeconds = durationSeconds;
    this.transition(call, status, 'completed');
    this.deps.sender.flush(call);
    this.deps.onCallEnded?.(call);
    this.deps.logger.info({ callSid: call.sid, to: call.to, direction: call.direction, status, durationSeconds }, 'call ended');
  }

  private transition(call: SimCall, status: SimCallStatus, event: CallProgressEvent): void {
    const now = new Date();
    call.status = status;
    call.dateUpdated = now;
    if (!call.events.has(event)) return;
    this.deps.sender.dispatch(call, event, buildCallbackParams(call, now), isTerminalStatus(status));
  }

  /** Nominal seconds on the simulator's clock, for recordings that measure from their own start. */
  nominalSecondsSince(startMs: number): number {
    return Math.round((this.nowMs() - startMs) / this.deps.timeScale / 1000);
  }

  nowMs(): number {
    return this.deps.nowMs ? this.deps.nowMs() : performance.now();
  }

  /** Talk time in nominal seconds: real elapsed time divided by the time scale. */
  private talkSecondsSoFar(call: SimCall): number {
    if (call.answeredAtMs === undefined) return 0;
    return this.nominalSecondsSince(call.answeredAtMs);
  }

  private after(call: SimCall, nominalSeconds: number, action: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(
      () => {
        call.timers.delete(timer);
        if (this.held) this.heldActions.push({ call, action });
        else action();
      },
      nominalSeconds * 1000 * this.deps.timeScale,
    );
    call.timers.add(timer);
  }

  private clearTimers(call: SimCall): void {
    for (const timer of call.timers) clearTimeout(timer);
    call.timers.clear();
  }
}

function newCallSid(): string {
  return `CA${randomBytes(16).toString('hex')}`;
}
