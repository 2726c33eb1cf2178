export { createGateway, type Gateway, type GatewayConfig, type GatewayDeps } from './app';
export { loadEnv, ZGatewayEnvSchema, type TGatewayEnv } from './env';
