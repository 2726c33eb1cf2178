import { ProviderError } from '../provider-error';

/**
 * HTTP 401/403: the Apitoken expired or was revoked, or the credentials are wrong. Permanent by itself; the
 * token cache fetches a new token once and retries before letting it through.
 */
export class SansPbxAuthError extends ProviderError {
  constructor(message: string, httpStatus: number) {
    super('permanent', message, undefined, httpStatus);
    this.name = 'SansPbxAuthError';
  }
}

export function isSansPbxAuthError(err: unknown): err is SansPbxAuthError {
  return err instanceof SansPbxAuthError;
}
