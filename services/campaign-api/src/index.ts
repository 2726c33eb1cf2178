export { createApp, type AppConfig, type AppDeps } from './app';
export { loadEnv, ZApiEnvSchema, type TApiEnv } from './env';
