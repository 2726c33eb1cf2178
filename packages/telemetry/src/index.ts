export * from './start-telemetry';
export * from './bullmq-telemetry';
export * from './trace-context';
export * from './call-trace-store';
