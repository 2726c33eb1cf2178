/**
 * Whether a failed provider request is worth retrying. Classified once, here: the dial job retries a
 * transient error with backoff and fails the call at once on a permanent one.
 */
export type ProviderErrorClass = 'transient' | 'permanent';

export class ProviderError extends Error {
  constructor(
    readonly errorClass: ProviderErrorClass,
    message: string,
    /** The provider's own error code (Twilio's 21211, 20003, ...), when it gave one. */
    readonly providerCode?: number,
    readonly httpStatus?: number,
    options?: { cause?: unknown; networkCode?: string },
  ) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'ProviderError';
    this.networkCode = options?.networkCode;
  }

  /** The socket-level error code, for network failures. */
  readonly networkCode: string | undefined;

  get isTransient(): boolean {
    return this.errorClass === 'transient';
  }

  /** True when the request certainly never reached the carrier (no connection was made). */
  get notSent(): boolean {
    return this.networkCode !== undefined && CONNECT_ERROR_CODES.has(this.networkCode);
  }

  /**
   * The carrier refused the number itself (Twilio 21211 invalid 'To', 21214 unreachable, 21217 not valid,
   * 21401 invalid number, 21407 not supported): another attempt would be refused again.
   */
  get refusedNumber(): boolean {
    return this.errorClass === 'permanent' && this.providerCode !== undefined && INVALID_NUMBER_CODES.has(this.providerCode);
  }

  static permanent(message: string, providerCode?: number): ProviderError {
    return new ProviderError('permanent', message, providerCode);
  }
}

/** Twilio error codes that mean the dialed number itself is invalid or cannot be called. */
const INVALID_NUMBER_CODES = new Set([21211, 21214, 21217, 21401, 21407]);

/** Socket-level failures: the request may never have reached the carrier, so trying again is safe. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** Failures before a connection existed: unlike a reset or a timeout, the request was never sent. */
const CONNECT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

interface ErrorShape {
  message?: unknown;
  code?: unknown;
  status?: unknown;
  response?: { status?: unknown };
  isAxiosError?: unknown;
  cause?: unknown;
}

/**
 * Network errors, HTTP 5xx and 429 are transient; everything else the provider answered (an invalid number,
 * bad credentials, ...) is permanent, because sending the same request again gets the same answer.
 */
export function classifyProviderError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const shape = (typeof err === 'object' && err !== null ? err : {}) as ErrorShape;
  const message = typeof shape.message === 'string' && shape.message ? shape.message : String(err);
  const httpStatus = httpStatusOf(shape);
  const providerCode = typeof shape.code === 'number' ? shape.code : undefined;

  if (httpStatus !== undefined) {
    const transient = httpStatus >= 500 || httpStatus === 429;
    const label = providerCode !== undefined ? `provider error ${providerCode}` : `provider HTTP ${httpStatus}`;
    return new ProviderError(transient ? 'transient' : 'permanent', `${label}: ${message}`, providerCode, httpStatus, { cause: err });
  }
  const networkCode = networkErrorCode(shape);
  if (networkCode) {
    return new ProviderError('transient', `network error ${networkCode}: ${message}`, undefined, undefined, { cause: err, networkCode });
  }
  return new ProviderError('permanent', message, providerCode, undefined, { cause: err });
}

function httpStatusOf(shape: ErrorShape): number | undefined {
  if (typeof shape.status === 'number') return shape.status;
  if (typeof shape.response?.status === 'number') return shape.response.status;
  return undefined;
}

function networkErrorCode(shape: ErrorShape): string | undefined {
  for (let current: ErrorShape | undefined = shape, depth = 0; current && depth < 4; depth++) {
    if (typeof current.code === 'string' && NETWORK_ERROR_CODES.has(current.code)) return current.code;
    current = typeof current.cause === 'object' && current.cause !== null ? (current.cause as ErrorShape) : undefined;
  }
  return undefined;
}
