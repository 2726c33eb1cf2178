import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import type { TTraceContext } from '@dialwave/contracts';

export { SpanKind };
export type { Attributes, Context, Span };

const TRACER_NAME = '@dialwave/telemetry';

/**
 * The active trace as W3C trace-context fields, to carry where no HTTP header goes: a pub/sub message, a
 * key stored with a call. Undefined when nothing is being traced (tracing off: the global propagator is a
 * no-op and fills nothing in).
 */
export function traceContextOf(ctx: Context = context.active()): TTraceContext | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  if (!carrier.traceparent) return undefined;
  return carrier.tracestate ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate } : { traceparent: carrier.traceparent };
}

/** The context a carried trace context stands for, to start spans in it. */
export function contextFrom(carried: TTraceContext | undefined, base: Context = ROOT_CONTEXT): Context {
  return carried ? propagation.extract(base, carried) : base;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** The span's parent; the active context by default. */
  parent?: Context;
}

/** Starts a span the caller ends (for spans that outlive one callback, such as a batch's per-entry spans). */
export function startSpan(name: string, options: SpanOptions = {}): Span {
  const { parent, ...rest } = options;
  return trace.getTracer(TRACER_NAME).startSpan(name, rest, parent ?? context.active());
}

/** Runs `fn` in a new span, active for everything it starts; the span ends (with any error recorded) when `fn` settles. */
export function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => T): T {
  const span = startSpan(name, options);
  let result: T;
  try {
    result = context.with(trace.setSpan(options.parent ?? context.active(), span), () => fn(span));
  } catch (err) {
    endSpanWithError(span, err);
    throw err;
  }
  if (result instanceof Promise) {
    return result.then(
      (value: unknown) => {
        span.end();
        return value;
      },
      (err: unknown) => {
        endSpanWithError(span, err);
        throw err;
      },
    ) as T;
  }
  span.end();
  return result;
}

/** A link to the span a context (the active one by default) holds, for a span related to it but not its child. */
export function linkTo(ctx: Context = context.active()): Link[] {
  const spanContext = trace.getSpanContext(ctx);
  return spanContext ? [{ context: spanContext }] : [];
}

/** Runs `fn` with a carried trace context active (so what it publishes or requests joins that trace); as is without one. */
export function withTraceContext<T>(carried: TTraceContext | undefined, fn: () => T): T {
  return carried ? context.with(contextFrom(carried, context.active()), fn) : fn();
}

/** A span's own context as W3C fields, for what it causes elsewhere. */
export function traceContextOfSpan(span: Span): TTraceContext | undefined {
  return traceContextOf(trace.setSpan(ROOT_CONTEXT, span));
}

/** Ends a span as failed, with the error recorded. */
export function endSpanWithError(span: Span, err: unknown): void {
  span.recordException(err instanceof Error ? err : String(err));
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
  span.end();
}
