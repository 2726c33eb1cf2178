import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs; child loggers add campaignId / callId / jobId where they are known. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
