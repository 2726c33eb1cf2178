import { urlWithoutQuery, type Logger } from '@dialwave/platform';
import type { Chaos } from '../chaos';
import type { ConnectedPlan } from '../calls/sim-call';
import type { RecordingFiles } from '../recordings/recording-files';
import { formatIndiaTime } from './india-time';
import { HANGUP_CAUSE, type SansPbxCall, type SansPbxCallbackPayload, type SansPbxDisposition } from './sanspbx-call';
import { abortableSleep } from '../abortable-sleep';

export interface DialInput {
  appid: string;
  callTo: string;
  callerId: string;
  statusCallback: string;
  customField?: unknown;
  plan: ConnectedPlan;
  simUrl: string;
}

export interface SansPbxCallRunnerDeps {
  timeScale: number;
  chaos: Chaos;
  files: RecordingFiles;
  retryDelaysMs: number[];
  logger: Logger;
  nowMs?: () => number;
}

interface Ending {
  disposition: SansPbxDisposition;
  billsec: number;
  duration: number;
  hangup: { cause: number; cause_txt: string };
}

/**
 * Plays SansPBX calls on the same outcome table as Twilio's and reports each one once, after it ends, with
 * a JSON POST to its `status_callback`. Chaos can duplicate that callback (our handler must be idempotent)
 * but never drops or reorders it: it is the only word the network says about the call.
 */
export class SansPbxCallRunner {
  private readonly calls = new Map<string, SansPbxCall>();
  private readonly pending = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(private readonly deps: SansPbxCallRunnerDeps) {}

  dial(input: DialInput): SansPbxCall {
    const startTime = new Date();
    // The id carries the dial's epoch ms; a second dial of one number in the same ms takes the next ms.
    let epochMs = startTime.getTime();
    while (this.calls.has(callIdFor(input, epochMs))) epochMs++;
    const call: SansPbxCall = {
      ...input,
      callid: callIdFor(input, epochMs),
      startTime,
      startedAtMs: this.nowMs(),
      state: 'ringing',
      timers: new Set(),
    };
    this.calls.set(call.callid, call);
    const plan = call.plan;
    switch (plan.kind) {
      case 'answered':
        this.after(call, plan.ringSeconds, () => {
          call.state = 'answered';
          call.answeredAtMs = this.nowMs();
          this.after(call, plan.talkSeconds, () =>
            this.end(call, {
              disposition: 'ANSWER',
              billsec: plan.talkSeconds,
              duration: plan.ringSeconds + plan.talkSeconds,
              hangup: HANGUP_CAUSE.normalClearing,
            }),
          );
        });
        break;
      case 'unanswered':
        this.after(call, plan.ringSeconds, () =>
          this.end(call, { disposition: 'NOANSWER', billsec: 0, duration: plan.ringSeconds, hangup: HANGUP_CAUSE.noAnswer }),
        );
        break;
      case 'rejected': {
        const busy = plan.terminalStatus === 'busy';
        this.after(call, plan.afterSeconds, () =>
          this.end(call, {
            disposition: busy ? 'BUSY' : 'FAILED',
            billsec: 0,
            duration: plan.afterSeconds,
            hangup: busy ? HANGUP_CAUSE.userBusy : HANGUP_CAUSE.noCircuit,
          }),
        );
        break;
      }
    }
    return call;
  }

  get(callid: string): SansPbxCall | undefined {
    return this.calls.get(callid);
  }

  /**
   * `calldisconnect`: before answer the call is reported NOANSWER (nobody talked); after answer it is an
   * ANSWER with the talk time so far.
   */
  disconnect(callid: string): 'ended' | 'not-found' | 'not-live' {
    const call = this.calls.get(callid);
    if (!call) return 'not-found';
    if (call.state === 'ended') return 'not-live';
    const elapsed = this.nominalSecondsSince(call.startedAtMs);
    if (call.answeredAtMs === undefined) {
      this.end(call, { disposition: 'NOANSWER', billsec: 0, duration: elapsed, hangup: HANGUP_CAUSE.normalClearing });
    } else {
      const billsec = this.nominalSecondsSince(call.answeredAtMs);
      this.end(call, { disposition: 'ANSWER', billsec, duration: Math.max(elapsed, billsec), hangup: HANGUP_CAUSE.normalClearing });
    }
    return 'ended';
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async close(): Promise<void> {
    this.abort.abort();
    for (const call of this.calls.values()) this.clearTimers(call);
    await this.idle();
  }

  private end(call: SansPbxCall, ending: Ending): void {
    this.clearTimers(call);
    call.state = 'ended';
    const answered = ending.disposition === 'ANSWER';
    if (answered) this.deps.files.add(call.callid);
    const payload: SansPbxCallbackPayload = {
      callid: call.callid,
      call_to: call.callTo,
      did: call.callerId,
      start_time: formatIndiaTime(call.startTime),
      // Nominal, like duration: the end is the start plus the seconds the table says the call lasted.
      end_time: formatIndiaTime(new Date(call.startTime.getTime() + ending.duration * 1000)),
      duration: ending.duration,
      billsec: ending.billsec,
      disposition: ending.disposition,
      ...ending.hangup,
      recfile: answered ? `${call.simUrl.replace(/\/+$/, '')}/recordings/${call.callid}.wav` : '',
      ...(call.customField === undefined ? {} : { custom_field: call.customField }),
    };
    const duplicated = this.deps.chaos.shouldDuplicate();
    call.callback = { payload, duplicated, deliveries: [] };
    this.deps.logger.info({ callid: call.callid, disposition: ending.disposition, billsec: ending.billsec }, 'sanspbx call ended');
    const send = async () => {
      await this.deliver(call);
      if (duplicated) await this.deliver(call);
    };
    const task = send();
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  private async deliver(call: SansPbxCall): Promise<void> {
    const callback = call.callback;
    if (!callback) return;
    const delays = this.deps.retryDelaysMs;
    for (let attempt = 1; attempt <= delays.length + 1; attempt++) {
      if (this.abort.signal.aborted) return;
      const outcome = await this.attempt(call.statusCallback, callback.payload);
      callback.deliveries.push({ attempt, at: new Date().toISOString(), ...outcome });
      const retryable = outcome.error !== undefined || (outcome.httpStatus ?? 0) >= 500;
      if (!retryable) return;
      const delay = delays[attempt - 1];
      if (delay === undefined) break;
      await this.sleep(delay);
    }
    this.deps.logger.warn({ callid: call.callid, url: urlWithoutQuery(call.statusCallback) }, 'sanspbx callback delivery failed');
  }

  private async attempt(url: string, payload: SansPbxCallbackPayload): Promise<{ httpStatus?: number; error?: string }> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(5000)]),
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

  private nominalSecondsSince(startMs: number): number {
    return Math.round((this.nowMs() - startMs) / this.deps.timeScale / 1000);
  }

  private after(call: SansPbxCall, nominalSeconds: number, action: () => void): void {
    if (this.abort.signal.aborted) return;
    const timer = setTimeout(
      () => {
        call.timers.delete(timer);
        action();
      },
      nominalSeconds * 1000 * this.deps.timeScale,
    );
    call.timers.add(timer);
  }

  private clearTimers(call: SansPbxCall): void {
    for (const timer of call.timers) clearTimeout(timer);
    call.timers.clear();
  }

  private nowMs(): number {
    return this.deps.nowMs ? this.deps.nowMs() : performance.now();
  }
}

function callIdFor(input: DialInput, epochMs: number): string {
  return `api-${input.appid}-${input.callTo}-${epochMs}`;
}
