// Adapters for the ports @dialwave/domain declares: BullMQ, Redis pub/sub and Redis keys.
export * from './dial-queue';
export * from './event-publisher';
export * from './outage-recovery';
