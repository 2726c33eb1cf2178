export { createDialer, type Dialer, type DialerConfig, type DialerDeps } from './app';
export { loadEnv, callDeadlineMs, ZDialerEnvSchema, type TDialerEnv } from './env';
export type { CallProvider, CallProviderRegistry, DialRequest, DialResult, ProviderCallStatus } from '@dialwave/providers';
export { TwilioProvider } from '@dialwave/providers';
export { buildProviderRegistry } from '@dialwave/providers';
