// Express middleware and routers every HTTP service mounts (`@dialwave/platform/http`).
export * from './request-logger';
export * from './metrics';
export * from './health';
export * from './error-middleware';
