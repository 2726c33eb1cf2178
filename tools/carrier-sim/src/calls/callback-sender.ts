import type { Logger } from '@dialwave/platform';
import type { Chaos } from '../chaos';
import { signCallback } from '../twilio/signature';
import type { CallbackRecord, CallProgressEvent, DeliveryRecord, SimCall } from './sim-call';
import { abortableSleep } from '../abortable-sleep';

export interface CallbackSenderDeps {
  authToken: string;
  chaos: Chaos;
  retryDelaysMs: number[];
  logger: Logger;
  requestTimeoutMs?: number;
}

/**
 * Delivers a call's status callbacks one after another (so, without chaos, they arrive in order), signed
 * like Twilio signs them, retrying a failed POST a few times. A delivery failure is logged and recorded on
 * the call, never thrown: a receiver that is down must not crash the network.
 */
export class CallbackSender {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly heldBack = new Map<string, CallbackRecord>();
  private readonly abort = new AbortController();

  constructor(private readonly deps: CallbackSenderDeps) {}

  /** Decides drop / hold / duplicate now, in generation order, so a seeded random gives the same chaos. */
  dispatch(call: SimCall, event: CallProgressEvent, params: Record<string, string>, isTerminal: boolean): void {
    if (!call.statusCallback || this.abort.signal.aborted) return;
    const base = { event, callStatus: call.status, heldBack: false, duplicated: false, deliveries: [] };
    if (this.deps.chaos.shouldDrop(isTerminal)) {
      call.callbacks.push({ ...base, dropped: true, params });
      return;
    }
    const sequenceNumber = call.nextSequenceNumber++;
    const record: CallbackRecord = {
      ...base,
      dropped: false,
      sequenceNumber,
      params: { ...params, SequenceNumber: String(sequenceNumber) },
    };
    call.callbacks.push(record);

    const previouslyHeld = this.heldBack.get(call.sid);
    if (!previouslyHeld && this.deps.chaos.shouldHoldBack(isTerminal)) {
      record.heldBack = true;
      this.heldBack.set(call.sid, record);
      return;
    }
    this.enqueueWithChaos(call, record);
    if (previouslyHeld) {
      this.heldBack.delete(call.sid);
      this.enqueueWithChaos(call, previouslyHeld);
    }
  }

  /** Sends a callback still held back for reordering; called when the call can produce no more callbacks. */
  flush(call: SimCall): void {
    const held = this.heldBack.get(call.sid);
    if (!held) return;
    this.heldBack.delete(call.sid);
    this.enqueueWithChaos(call, held);
  }

  /**
   * A signed callback outside the call-progress sequence (a recording's status): no SequenceNumber, no
   * chaos, queued behind the call's own callbacks so it arrives after the call's terminal callback.
   */
  sendUnsequenced(call: SimCall, url: string, method: 'POST' | 'GET', params: Record<string, string>): DeliveryRecord {
    const record: DeliveryRecord = { params, deliveries: [] };
    if (!this.abort.signal.aborted) this.chain(call.sid, () => this.deliver(call.sid, url, method, record, 'unsequenced'));
    return record;
  }

  /** Resolves once every queued delivery has finished (delivered or given up). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  async close(): Promise<void> {
    this.abort.abort();
    this.heldBack.clear();
    await this.idle();
  }

  private enqueueWithChaos(call: SimCall, record: CallbackRecord): void {
    this.enqueue(call, record);
    if (this.deps.chaos.shouldDuplicate()) {
      record.duplicated = true;
      this.enqueue(call, record);
    }
  }

  private enqueue(call: SimCall, record: CallbackRecord): void {
    const url = call.statusCallback;
    if (!url) return;
    this.chain(call.sid, () => this.deliver(call.sid, url, call.statusCallbackMethod, record, record.event));
  }

  private chain(callSid: string, task: () => Promise<void>): void {
    const previous = this.tails.get(callSid) ?? Promise.resolve();
    const next = previous.then(task);
    this.tails.set(callSid, next);
    void next.finally(() => {
      if (this.tails.get(callSid) === next) this.tails.delete(callSid);
    });
  }

  private async deliver(callSid: string, url: string, method: 'POST' | 'GET', record: DeliveryRecord, event: string): Promise<void> {
    const delays = this.deps.retryDelaysMs;
    for (let attempt = 1; attempt <= delays.length + 1; attempt++) {
      if (this.abort.signal.aborted) return;
      const outcome = await this.attempt(url, method, record.params);
      record.deliveries.push({ attempt, at: new Date().toISOString(), ...outcome });
      const retryable = outcome.error !== undefined || (outcome.httpStatus ?? 0) >= 500;
      if (!retryable) return;
      const delay = delays[attempt - 1];
      if (delay === undefined) break;
      await this.sleep(delay);
    }
    this.deps.logger.warn({ callSid, url, event, attempts: record.deliveries.length }, 'status callback delivery failed');
  }

  private async attempt(
    url: string,
    method: 'POST' | 'GET',
    params: Record<string, string>,
  ): Promise<{ httpStatus?: number; error?: string }> {
    // Twilio signs a GET callback over the URL with the parameters in its query string and no body.
    const body = new URLSearchParams(params).toString();
    const target = method === 'GET' ? `${url}${url.includes('?') ? '&' : '?'}${body}` : url;
    const signature = signCallback(this.deps.authToken, target, method === 'GET' ? {} : params);
    try {
      const response = await fetch(target, {
        method,
        headers: {
          'X-Twilio-Signature': signature,
          'User-Agent': 'TwilioProxy/1.1',
          ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: method === 'POST' ? body : undefined,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.deps.requestTimeoutMs ?? 5000)]),
      });
      await response.arrayBuffer();
      return { httpStatus: response.status };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }

  private sleep(ms: number): Promise<void> {
    return abortableSleep(ms, this.abort.signal);
  }
}
