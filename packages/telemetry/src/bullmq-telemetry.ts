import type { Telemetry } from 'bullmq';
import type * as BullMQOtelModule from 'bullmq-otel';
import { tracingEnabled } from './start-telemetry';

let telemetry: Telemetry | undefined;

/**
 * BullMQ's `telemetry` option, to spread into a Queue's or Worker's options: with tracing on, an add records
 * its trace context in the job and the worker processes the job in a child span of it (bullmq-otel);
 * with tracing off, nothing (BullMQ then skips its tracing code entirely).
 */
export function queueTelemetry(): { telemetry?: Telemetry } {
  if (!tracingEnabled()) return {};
  if (!telemetry) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { BullMQOtel } = require('bullmq-otel') as typeof BullMQOtelModule;
    telemetry = new BullMQOtel({ tracerName: 'bullmq' });
  }
  return { telemetry };
}
