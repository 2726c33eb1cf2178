import { randomBytes } from 'node:crypto';
import type { TCallStatus } from '@dialwave/contracts';
import { applyCallStatusUpdate, type CallStatusDeps } from '@dialwave/domain';
import type { CallProvider, DialRequest, DialResult, PlacedCallQuery, ProviderCallStatus } from '@dialwave/providers';

/** What the fake carrier does with one dial request. */
export type FakeCallPlan =
  /** Accept the call; it ends when the test calls `end()`. */
  | { kind: 'manual' }
  /** Accept the call, ring, then end it with `status` after `afterMs` (delivered as callbacks). */
  | { kind: 'auto'; status: TCallStatus; durationSeconds: number; afterMs: number }
  /** Refuse the dial request with this error (shaped as the SDK would throw it). */
  | { kind: 'refuse'; error: unknown };

export interface FakeCall {
  sid: string;
  request: DialRequest;
  live: boolean;
}

/**
 * A stand-in for the OUTSIDE carrier only: it accepts dials and delivers "callbacks" by calling the same
 * applyCallStatusUpdate webhook-ingest calls, so everything on our side runs for real.
 */
export class FakeCarrier implements CallProvider {
  readonly calls: FakeCall[] = [];
  readonly dialAttempts: DialRequest[] = [];
  readonly hangUps: string[] = [];
  readonly callbackErrors: unknown[] = [];
  /** What fetchStatus answers per sid (default: still ringing). */
  readonly remoteStatus = new Map<string, ProviderCallStatus>();
  maxConcurrentLive = 0;
  private sequence = 0;

  constructor(
    private readonly statusDeps: CallStatusDeps,
    public plan: (req: DialRequest, attempt: number) => FakeCallPlan = () => ({ kind: 'manual' }),
  ) {}

  get liveCount(): number {
    return this.calls.filter((call) => call.live).length;
  }

  dialsTo(callId: string): FakeCall[] {
    return this.calls.filter((call) => call.request.callId === callId);
  }

  async dial(req: DialRequest): Promise<DialResult> {
    this.dialAttempts.push(req);
    const plan = this.plan(req, this.dialAttempts.filter((r) => r.callId === req.callId).length);
    if (plan.kind === 'refuse') throw plan.error;
    const sid = `CA${randomBytes(16).toString('hex')}`;
    this.calls.push({ sid, request: req, live: true });
    this.maxConcurrentLive = Math.max(this.maxConcurrentLive, this.liveCount);
    if (plan.kind === 'auto') {
      setTimeout(() => {
        this.callback(sid, 'RINGING')
          .then(() => this.end(sid, plan.status, plan.durationSeconds))
          .catch((err: unknown) => this.callbackErrors.push(err));
      }, plan.afterMs);
    }
    return { providerCallSid: sid };
  }

  async fetchStatus(providerCallSid: string): Promise<ProviderCallStatus> {
    return this.remoteStatus.get(providerCallSid) ?? { status: 'RINGING' };
  }

  async findPlacedCall(query: PlacedCallQuery): Promise<DialResult | null> {
    const placed = [...this.calls].reverse().find((call) => call.request.to === query.to && call.request.from === query.from);
    return placed ? { providerCallSid: placed.sid } : null;
  }

  /** Inbound call control is not what the dialer's tests exercise. */
  connectToAgent(): Promise<never> {
    return Promise.reject(new Error('FakeCarrier does not take inbound calls'));
  }

  startRecording(): Promise<never> {
    return Promise.reject(new Error('FakeCarrier does not record'));
  }

  async hangUp(providerCallSid: string): Promise<void> {
    this.hangUps.push(providerCallSid);
    const call = this.calls.find((c) => c.sid === providerCallSid);
    if (call) call.live = false;
  }

  /** The call ends at the carrier, which then sends its terminal callback. */
  async end(sid: string, status: TCallStatus, durationSeconds = 0): Promise<void> {
    const call = this.bySid(sid);
    call.live = false;
    await this.callback(sid, status, durationSeconds);
  }

  async callback(sid: string, status: TCallStatus, durationSeconds?: number): Promise<void> {
    const call = this.bySid(sid);
    await applyCallStatusUpdate(this.statusDeps, {
      callId: call.request.callId,
      status,
      event: `fake:${status.toLowerCase()}`,
      sequence: this.sequence++,
      providerCallSid: sid,
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    });
  }

  private bySid(sid: string): FakeCall {
    const call = this.calls.find((c) => c.sid === sid);
    if (!call) throw new Error(`fake carrier has no call ${sid}`);
    return call;
  }
}
