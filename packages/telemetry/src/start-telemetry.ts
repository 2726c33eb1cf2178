import type * as HttpInstrumentationModule from '@opentelemetry/instrumentation-http';
import type * as ExpressInstrumentationModule from '@opentelemetry/instrumentation-express';
import type * as IORedisInstrumentationModule from '@opentelemetry/instrumentation-ioredis';
import type * as PgInstrumentationModule from '@opentelemetry/instrumentation-pg';
import type * as SdkNodeModule from '@opentelemetry/sdk-node';
import type * as SdkTraceBaseModule from '@opentelemetry/sdk-trace-base';
import type * as SdkTraceNodeModule from '@opentelemetry/sdk-trace-node';
import type * as SamplerModule from './sampler';

export interface Telemetry {
  /** Exports the spans still buffered, then stops the SDK: register it with the shutdown manager first, so it runs last. */
  shutdown(): Promise<void>;
}

type Env = Record<string, string | undefined>;

/** Requests nobody wants a trace of: probes, scrapes and socket.io's transport requests. */
const UNTRACED_PATHS = /^\/(healthz|readyz|metrics)(\?|$)|^\/socket\.io\//;

let started: Telemetry | undefined;

/**
 * Tracing is off unless the deployment asks for it with the standard variables: an exporter other than
 * `none` in OTEL_TRACES_EXPORTER, or an OTLP endpoint. OTEL_SDK_DISABLED=true turns it off regardless.
 */
export function tracingRequested(env: Env = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (exporters.length > 0) return !exporters.every((name) => name === 'none');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Whether this process started the SDK: the other helpers skip their work (a Redis write, a span) when not. */
export function tracingEnabled(): boolean {
  return started !== undefined;
}

/**
 * Starts the OpenTelemetry Node SDK for one service when tracing is requested, and does nothing at all
 * otherwise (the SDK is not even loaded). Call it before anything requires http, express, pg or ioredis:
 * the instrumentations patch those modules as they load, which is why each service's main.ts imports its
 * `telemetry.ts` first. Exporter, endpoint, protocol, sampler and batching come from the OTEL_* variables.
 */
export function startTelemetry(serviceName: string, env: Env = process.env): Telemetry | undefined {
  if (started || !tracingRequested(env)) return started;
  // Loaded here, not at the top, so that a deployment without tracing never loads the SDK.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof SdkNodeModule;
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof HttpInstrumentationModule;
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof ExpressInstrumentationModule;
  const { IORedisInstrumentation } = require('@opentelemetry/instrumentation-ioredis') as typeof IORedisInstrumentationModule;
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof PgInstrumentationModule;
  const { skipBackgroundRootsSampler } = require('./sampler') as typeof SamplerModule;
  /* eslint-enable @typescript-eslint/no-require-imports */

  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || serviceName,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? ''),
        // Outgoing requests are traced inside a trace only (a dial, a webhook); not the exporter's own.
        requireParentforOutgoingSpans: true,
      }),
      new ExpressInstrumentation(),
      // Redis and Postgres commands only inside a trace: BullMQ's polling and the callback consumer's
      // blocking reads would otherwise each start one.
      new IORedisInstrumentation({ requireParentSpan: true }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
    // OTEL_TRACES_SAMPLER, when set, wins; otherwise BullMQ's housekeeping does not start traces.
    ...(env.OTEL_TRACES_SAMPLER ? {} : { sampler: skipBackgroundRootsSampler() }),
    // Traces only: metrics are Prometheus's (/metrics) and logs pino's, unless these are asked for by name.
    ...(env.OTEL_METRICS_EXPORTER ? {} : { metricReaders: [] }),
    ...(env.OTEL_LOGS_EXPORTER ? {} : { logRecordProcessors: [] }),
  });
  sdk.start();
  started = { shutdown: () => sdk.shutdown() };
  return started;
}

/**
 * For tests in one process: every span goes to `exporter` (an InMemorySpanExporter) as it ends, with the
 * same sampling and propagation as startTelemetry, without the SDK's module instrumentations (jest's module
 * registry bypasses them). The helpers that check tracingEnabled() then do their work.
 */
export function startTestTelemetry(exporter: SdkTraceBaseModule.SpanExporter): Telemetry {
  if (started) throw new Error('telemetry already started in this process');
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof SdkTraceNodeModule;
  const { SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof SdkTraceBaseModule;
  const { skipBackgroundRootsSampler } = require('./sampler') as typeof SamplerModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const provider = new NodeTracerProvider({ sampler: skipBackgroundRootsSampler(), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  started = {
    shutdown: async () => {
      await provider.shutdown();
      started = undefined;
    },
  };
  return started;
}
