import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Keys whose values never reach a log line, wherever they sit (up to three levels deep: a request's
 * headers, an error's config, a payload). Webhook URLs carry tokens in their query, so URLs are logged
 * without it (urlWithoutQuery) rather than listed here.
 */
const SENSITIVE_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-twilio-signature',
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'accessKey',
  'authToken',
  'apiKey',
  'secret',
  'jwtSecret',
  'callbackSecret',
  'sansPbxCallbackSecret',
  'twilioAuthToken',
];

const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`);
export const REDACTED_PATHS = SENSITIVE_KEYS.flatMap((name) => [
  key(name).replace(/^\./, ''),
  `*${key(name)}`,
  `*.*${key(name)}`,
  `*.*.*${key(name)}`,
]);

/**
 * The one logger factory: JSON lines with the service name, ISO times and the redaction above. Child
 * loggers add campaignId / callId / jobId where they are known. `destination` is for tests.
 */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  const options = {
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A request URL as it may be logged: path only, since callback URLs carry per-call tokens in the query. */
export function urlWithoutQuery(url: string | undefined): string {
  if (!url) return '';
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}
