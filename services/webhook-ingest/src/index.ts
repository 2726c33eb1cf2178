export { createApp, type AppConfig, type AppDeps } from './app';
export { loadEnv, ZIngestEnvSchema, type TIngestEnv } from './env';
