// The framework-free core: importing errors, env parsing or tokens loads neither express nor ioredis.
// HTTP pieces are in `@dialwave/platform/http`, the Redis client builder in `@dialwave/platform/redis`.
export * from './logger';
export * from './shutdown';
export * from './errors';
export * from './validation';
export * from './env';
export * from './dev-mode';
export * from './auth-token';
export * from './call-token';
export * from './http-server';
export * from './service-main';
export * from './service-env';
export * from './dependency-monitor';
