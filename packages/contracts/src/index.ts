export * from './enums';
export * from './names';
export * from './jobs';
export * from './api';
export * from './events';
export * from './twilio-webhooks';
export * from './sanspbx-webhooks';
export * from './twilio-inbound-webhooks';
