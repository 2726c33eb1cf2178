import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { queueTelemetry } from './bullmq-telemetry';
import { startTelemetry, tracingEnabled, tracingRequested } from './start-telemetry';
import { inSpan, traceContextOf } from './trace-context';

describe('tracing is off unless the OTEL_* variables ask for it', () => {
  it('is requested by an exporter other than none, or by an OTLP endpoint', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(tracingRequested({ OTEL_SERVICE_NAME: 'api' })).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'console, none' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(tracingRequested({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  it('without them starts nothing: no SDK loaded, no BullMQ telemetry, no trace context on messages', () => {
    expect(startTelemetry('campaign-api', {})).toBeUndefined();
    expect(tracingEnabled()).toBe(false);
    expect(queueTelemetry()).toEqual({});
    expect(inSpan('work', {}, () => traceContextOf())).toBeUndefined();
  });

  it('without them loads only the OpenTelemetry API in a service process, not the SDK', () => {
    // A process of its own: jest's module registry is not Node's require cache.
    const script = `
      const { startTelemetry } = require('./src/index.ts');
      startTelemetry('campaign-api', {});
      const loaded = Object.keys(require.cache).filter((path) => path.includes('@opentelemetry')).map((path) => path.split('@opentelemetry/')[1].split('/')[0]);
      process.stdout.write(JSON.stringify([...new Set(loaded)]));`;
    const loaded = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: join(__dirname, '..'),
      env: {},
      encoding: 'utf8',
    });
    expect(JSON.parse(loaded)).toEqual(['api']);
  });
});
