import type { CallStatusUpdate, CallStatusUpdateResult } from '@dialwave/domain';
import {
  contextFrom,
  endSpanWithError,
  inSpan,
  linkTo,
  SpanKind,
  startSpan,
  traceContextOfSpan,
  type CallTraceStore,
  type Span,
} from '@dialwave/telemetry';

/**
 * One span per status callback applied, in the trace its call was dialed in: a carrier's callback brings
 * no trace context, only our call id, under which the dialer stored the dial's (CallTraceStore). Each span
 * links to the batch span that applied it (the active one). The updates come back carrying their span's
 * context, so the events they publish take the call's trace on to the gateway.
 */
export async function startApplySpans(traces: CallTraceStore, updates: readonly CallStatusUpdate[]): Promise<ApplySpans> {
  const dialed = await traces.find(updates.map((update) => update.callId));
  const batch = linkTo();
  const spans = updates.map((update) => {
    const dial = dialed.get(update.callId);
    return startSpan('call-status.apply', {
      // A call dialed without tracing (or an inbound call) gets a child of the batch span instead.
      ...(dial ? { parent: contextFrom(dial), links: batch } : {}),
      attributes: { 'dialwave.call_id': update.callId, 'dialwave.call_status': update.status, 'dialwave.event': update.event },
    });
  });
  return new ApplySpans(
    updates.map((update, i) => {
      const carried = traceContextOfSpan(spans[i]!);
      return carried ? { ...update, trace: carried } : update;
    }),
    spans,
  );
}

export class ApplySpans {
  constructor(
    /** The updates, each carrying its span's context for the events it publishes. */
    readonly updates: readonly CallStatusUpdate[],
    private readonly spans: readonly Span[],
  ) {}

  end(results: readonly CallStatusUpdateResult[]): void {
    this.spans.forEach((span, i) => {
      span.setAttribute('dialwave.outcome', results[i]?.outcome ?? 'unknown');
      span.end();
    });
  }

  fail(err: unknown): void {
    for (const span of this.spans) endSpanWithError(span, err);
  }
}

/** The batch's own span (a trace of its own: it applies callbacks of many calls), linked from each callback's. */
export function inBatchSpan<T>(size: number, apply: () => Promise<T>): Promise<T> {
  return inSpan('callbacks.apply-batch', { kind: SpanKind.CONSUMER, attributes: { 'messaging.batch.message_count': size } }, apply);
}
