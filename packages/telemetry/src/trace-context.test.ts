import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { queueTelemetry } from './bullmq-telemetry';
import { startTestTelemetry, type Telemetry } from './start-telemetry';
import { contextFrom, inSpan, traceContextOf, withTraceContext } from './trace-context';

const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;

beforeAll(() => {
  telemetry = startTestTelemetry(exporter);
});
afterAll(() => telemetry.shutdown());
beforeEach(() => exporter.reset());

describe('trace context carried where no HTTP header goes', () => {
  it('continues a trace from the W3C fields a message carried', async () => {
    const carried = await inSpan('publish', { kind: SpanKind.PRODUCER }, async () => traceContextOf());
    expect(carried?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    inSpan('emit', { kind: SpanKind.PRODUCER, parent: contextFrom(carried) }, () => undefined);

    const [publish, emit] = exporter.getFinishedSpans();
    expect(emit!.spanContext().traceId).toBe(publish!.spanContext().traceId);
    expect(emit!.parentSpanContext?.spanId).toBe(publish!.spanContext().spanId);
  });

  it('makes a carried context the active one, so what runs inside joins that trace', () => {
    const stored = inSpan('dial', { kind: SpanKind.CONSUMER }, () => traceContextOf());
    withTraceContext(stored, () => inSpan('apply', {}, () => undefined));
    const apply = exporter.getFinishedSpans().find((span) => span.name === 'apply')!;
    const parent = exporter.getFinishedSpans().find((span) => span.name === 'dial')!;
    expect(apply.spanContext().traceId).toBe(parent.spanContext().traceId);
    expect(apply.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  });

  it('ends a span as failed when its work throws, and rethrows', async () => {
    await expect(inSpan('dial', { kind: SpanKind.CONSUMER }, async () => Promise.reject(new Error('carrier said no')))).rejects.toThrow(
      'carrier said no',
    );
    expect(exporter.getFinishedSpans()[0]).toMatchObject({ name: 'dial', status: { code: 2, message: 'carrier said no' } });
  });

  it('does not start traces for background INTERNAL spans (BullMQ polling), but keeps INTERNAL spans inside a trace', () => {
    inSpan('getNextJob dial', { kind: SpanKind.INTERNAL }, () => undefined);
    inSpan('process dial', { kind: SpanKind.CONSUMER }, () => inSpan('carrier.dial', { kind: SpanKind.INTERNAL }, () => undefined));
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['carrier.dial', 'process dial']);
  });

  it('gives BullMQ its telemetry once tracing is on', () => {
    expect(queueTelemetry().telemetry).toBeDefined();
  });
});
