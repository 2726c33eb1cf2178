export * from './database';
export * from './redis';
export * from './wait-for';
export * from './agent-number';
export * from './free-port';
export * from './private-redis';
export * from './private-postgres';
export * from './api-client';
