export * from './log-buffer';
export * from './service-process';
export * from './services';
export * from './stack';
export * from './console';
export * from './supervisor';
