import { classifyProviderError, ProviderError } from './provider-error';

/** Shaped as twilio's RestException: the HTTP status plus Twilio's own error code and message. */
const twilioError = (status: number, code: number, message: string) => Object.assign(new Error(message), { status, code, moreInfo: '' });

describe('classifyProviderError', () => {
  it.each([
    ['an invalid number (21211)', twilioError(400, 21211, "The 'To' number +1555 is not a valid phone number.")],
    ['bad credentials (20003)', twilioError(401, 20003, 'Authenticate')],
    ['an unknown account (20404)', twilioError(404, 20404, 'The requested resource was not found')],
    ['an error without any HTTP status', new Error('something odd')],
  ])('treats %s as permanent', (_label, err) => {
    expect(classifyProviderError(err).errorClass).toBe('permanent');
  });

  it.each([
    ['HTTP 500', twilioError(500, 20500, 'Internal Server Error')],
    ['HTTP 503', twilioError(503, 0, 'Service Unavailable')],
    ['HTTP 429 (too many requests)', twilioError(429, 20429, 'Too Many Requests')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' })],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a request timeout', Object.assign(new Error('timeout of 15000ms exceeded'), { code: 'ECONNABORTED', isAxiosError: true })],
    [
      'a DNS failure wrapped in a cause',
      new Error('fetch failed', { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) }),
    ],
  ])('treats %s as transient', (_label, err) => {
    expect(classifyProviderError(err).errorClass).toBe('transient');
  });

  it('reads the status of an HTTP client error from its response', () => {
    const axiosLike = Object.assign(new Error('Request failed with status code 502'), { isAxiosError: true, response: { status: 502 } });
    expect(classifyProviderError(axiosLike)).toMatchObject({ errorClass: 'transient', httpStatus: 502 });
  });

  it('names the provider code and message in the reason, which becomes the call’s failureReason', () => {
    const classified = classifyProviderError(twilioError(400, 21211, "The 'To' number is not a valid phone number."));
    expect(classified.message).toBe("provider error 21211: The 'To' number is not a valid phone number.");
    expect(classified).toMatchObject({ providerCode: 21211, httpStatus: 400 });
  });

  it('keeps an error that is already classified as it is', () => {
    const permanent = ProviderError.permanent('SansPBX is not supported');
    expect(classifyProviderError(permanent)).toBe(permanent);
  });
});

describe('whether a failed dial request reached the carrier', () => {
  it('knows a refused connection sent nothing', () => {
    expect(classifyProviderError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).notSent).toBe(true);
  });
  it('cannot rule out that a reset or timed-out request reached the carrier', () => {
    expect(classifyProviderError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).notSent).toBe(false);
    expect(classifyProviderError(Object.assign(new Error('timeout'), { code: 'ECONNABORTED' })).notSent).toBe(false);
  });
});
