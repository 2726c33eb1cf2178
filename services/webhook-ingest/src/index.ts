export { createWebhookIngest, type AppConfig, type AppDeps, type WebhookIngest } from './app';
export { loadEnv, ZIngestEnvSchema, type TIngestEnv } from './env';
