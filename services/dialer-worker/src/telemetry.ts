// Imported first by main.ts, before anything loads http, express, pg or ioredis: the OpenTelemetry
// instrumentations patch those modules as they are required. Does nothing unless OTEL_* variables ask for traces.
import { startTelemetry } from '@dialwave/telemetry';

export const telemetry = startTelemetry('dialer-worker');
