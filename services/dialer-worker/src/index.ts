export { createDialer, type Dialer, type DialerConfig, type DialerDeps } from './app';
export { loadEnv, callDeadlineMs, ZDialerEnvSchema, type TDialerEnv } from './env';
export type { CallProvider, CallProviderRegistry, DialRequest, DialResult, ProviderCallStatus } from './providers/call-provider';
export { TwilioProvider } from './providers/twilio-provider';
export { buildProviderRegistry } from './providers/build-providers';
