import type { Logger } from '@dialwave/platform';
import { abortableSleep } from '../abortable-sleep';
import type { Chaos } from '../chaos';
import type { SimCall } from '../calls/sim-call';
import { API_VERSION } from '../twilio/call-resource';
import { signCallback } from '../twilio/signature';
import { reportScriptFor, scriptedReport, type ReportScriptName } from './report-scripts';
import { readStreamTwiml, type StreamRequest } from './stream-twiml';

/** A call's life with the voice runtime, as the debug view shows it. */
export interface VoiceSession {
  /** The answer URL's reply: HTTP status, or the network error. */
  twimlFetch: { httpStatus?: number; error?: string };
  /** Present when the TwiML asked for `<Connect><Stream>`. */
  stream?: StreamRequest;
  report?: {
    script: ReportScriptName;
    /** `none`: no person on the line (a machine), so nothing to report; `dropped`: SIM_REPORT_DROP_RATE. */
    status: 'pending' | 'sent' | 'failed' | 'dropped' | 'none';
    deliveries: { attempt: number; at: string; httpStatus?: number; error?: string }[];
  };
}

export interface SimVoiceRuntimeDeps {
  authToken: string;
  chaos: Chaos;
  logger: Logger;
  /** Waits between report delivery attempts (ms, not scaled); its length is the number of retries. */
  retryDelaysMs: number[];
  requestTimeoutMs?: number;
}

/**
 * Twilio's side of an answered outbound call, and the agent's voice runtime behind it. On answer Twilio
 * fetches the call's `Url` (a signed form POST, like a callback) and runs the TwiML; when that TwiML is
 * `<Connect><Stream>`, this plays the runtime: once the call ends, a call a person answered gets the
 * scripted report of its number (report-scripts.ts) posted as JSON to the stream's `reportUrl` parameter.
 * A machine gets no report; calls never answered never fetch TwiML at all.
 */
export class SimVoiceRuntime {
  private readonly sessions = new Map<string, { session: VoiceSession; fetched: Promise<void> }>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(private readonly deps: SimVoiceRuntimeDeps) {}

  /** The call was answered: fetch its TwiML now (the call's timeline does not wait for it). */
  callAnswered(call: SimCall): void {
    if (call.direction !== 'outbound-api' || !call.answerUrl || this.abort.signal.aborted) return;
    const session: VoiceSession = { twimlFetch: {} };
    const fetched = this.fetchTwiml(call, call.answerUrl, session);
    this.sessions.set(call.sid, { session, fetched });
    this.track(fetched);
  }

  /** The call ended: a streamed call a person answered gets its report, once its TwiML has arrived. */
  callEnded(call: SimCall): void {
    const entry = this.sessions.get(call.sid);
    if (!entry || this.abort.signal.aborted) return;
    this.track(entry.fetched.then(() => this.report(call, entry.session)));
  }

  /** The TwiML the call's answer URL gave, once fetched (undefined when it has none or the fetch failed). */
  async answerTwiml(call: SimCall): Promise<string | undefined> {
    const entry = this.sessions.get(call.sid);
    if (!entry) return undefined;
    await entry.fetched;
    return entry.session.twimlFetch.httpStatus !== undefined && entry.session.twimlFetch.httpStatus < 300 ? call.twiml : undefined;
  }

  session(callSid: string): VoiceSession | undefined {
    return this.sessions.get(callSid)?.session;
  }

  /** Resolves once every TwiML fetch and report delivery has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.idle();
  }

  private async fetchTwiml(call: SimCall, url: string, session: VoiceSession): Promise<void> {
    const params: Record<string, string> = {
      CallSid: call.sid,
      AccountSid: call.accountSid,
      From: call.from,
      To: call.to,
      Caller: call.from,
      Called: call.to,
      CallStatus: 'in-progress',
      Direction: call.direction,
      ApiVersion: API_VERSION,
    };
    if (call.machineDetection && call.answeredBy) params.AnsweredBy = call.answeredBy;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': signCallback(this.deps.authToken, url, params),
          'User-Agent': 'TwilioProxy/1.1',
        },
        body: new URLSearchParams(params).toString(),
        signal: this.requestSignal(),
      });
      const twiml = await response.text();
      session.twimlFetch = { httpStatus: response.status };
      if (!response.ok) return;
      call.twiml = twiml;
      session.stream = readStreamTwiml(twiml);
    } catch (err) {
      session.twimlFetch = { error: err instanceof Error ? err.message : String(err) };
      this.deps.logger.warn({ callSid: call.sid, err: session.twimlFetch.error }, 'fetching the answer URL failed');
    }
  }

  private async report(call: SimCall, session: VoiceSession): Promise<void> {
    const reportUrl = session.stream?.parameters.reportUrl;
    if (!session.stream || !reportUrl) return;
    const script = reportScriptFor(call.to);
    const report: NonNullable<VoiceSession['report']> = { script, status: 'pending', deliveries: [] };
    session.report = report;
    const personTalked = call.plan.kind === 'answered' && call.plan.answeredBy === 'human' && call.status === 'completed';
    if (!personTalked || call.plan.kind !== 'answered') {
      report.status = 'none';
      return;
    }
    if (this.deps.chaos.shouldDropReport()) {
      report.status = 'dropped';
      this.deps.logger.info({ callSid: call.sid, script }, 'report dropped (SIM_REPORT_DROP_RATE)');
      return;
    }
    const body = JSON.stringify(
      scriptedReport(script, {
        leadName: session.stream.parameters.leadName ?? '',
        greeting: session.stream.parameters.greeting ?? 'Hello.',
        talkSeconds: call.durationSeconds ?? call.plan.talkSeconds,
      }),
    );
    await this.deliver(call, reportUrl, body, report);
  }

  private async deliver(call: SimCall, url: string, body: string, report: NonNullable<VoiceSession['report']>): Promise<void> {
    const delays = this.deps.retryDelaysMs;
    for (let attempt = 1; attempt <= delays.length + 1; attempt++) {
      if (this.abort.signal.aborted) return;
      const at = new Date().toISOString();
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          signal: this.requestSignal(),
        });
        await response.arrayBuffer();
        report.deliveries.push({ attempt, at, httpStatus: response.status });
        if (response.ok) {
          report.status = 'sent';
          return;
        }
        // A 4xx will not get better by sending the same report again.
        if (response.status < 500) break;
      } catch (err) {
        report.deliveries.push({ attempt, at, error: err instanceof Error ? err.message : String(err) });
      }
      const delay = delays[attempt - 1];
      if (delay === undefined) break;
      await abortableSleep(delay, this.abort.signal);
    }
    report.status = 'failed';
    this.deps.logger.warn({ callSid: call.sid, attempts: report.deliveries.length }, 'report delivery failed');
  }

  private requestSignal(): AbortSignal {
    return AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.deps.requestTimeoutMs ?? 5000)]);
  }

  private track(task: Promise<void>): void {
    const settled = task.catch((err: unknown) => this.deps.logger.error({ err }, 'voice runtime task failed'));
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
  }
}
