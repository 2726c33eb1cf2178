export * from './database';
export * from './redis';
export * from './wait-for';
export * from './agent-number';
