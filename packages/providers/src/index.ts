export * from './call-provider';
export * from './provider-error';
export * from './base-url-request-client';
export * from './twilio-provider';
export * from './provider-registry';
export * from './build-providers';
export * from './sanspbx';
