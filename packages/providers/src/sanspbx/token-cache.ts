import { ProviderError } from '../provider-error';
import type { SansPbxBody, SansPbxClient } from './sanspbx-client';
import { isSansPbxAuthError, SansPbxAuthError } from './sanspbx-errors';
import { parseSansPbxTime } from './india-time';

export interface SansPbxCredentials {
  /** SANSPBX_ACCESS_TOKEN: sent as the `Accesstoken` header of gentoken. */
  accessToken: string;
  /** SANSPBX_ACCESS_KEY: sent as `access_key` in the gentoken body. */
  accessKey: string;
}

export interface SansPbxTokenCacheOptions {
  /** How long before `expiry_time` a new token is fetched (default ten minutes). */
  refreshMarginMs?: number;
  now?: () => number;
}

interface CachedToken {
  token: string;
  /** When to stop handing this token out; undefined: until SansPBX rejects it. */
  refreshAtMs?: number;
}

export const DEFAULT_REFRESH_MARGIN_MS = 10 * 60_000;

/**
 * One Apitoken per deployment, shared by every request: fetched on first use, refreshed ahead of its
 * expiry, and fetched once by however many requests need it at the same moment (the replaced system asked
 * for a token on every request).
 */
export class SansPbxTokenCache {
  private cached?: CachedToken;
  private inFlight?: Promise<CachedToken>;
  private readonly refreshMarginMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: SansPbxClient,
    private readonly credentials: SansPbxCredentials,
    options: SansPbxTokenCacheOptions = {},
  ) {
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.now = options.now ?? Date.now;
  }

  /** A token believed valid: the cached one, or a fresh one when it is missing or due for refresh. */
  async token(): Promise<string> {
    const cached = this.cached;
    if (cached && (cached.refreshAtMs === undefined || this.now() < cached.refreshAtMs)) return cached.token;
    return (await this.refresh()).token;
  }

  /**
   * Runs `request` with the token; when SansPBX rejects the token (401/403), fetches a new one once and
   * runs it again. A second rejection means the credentials themselves are refused: permanent.
   */
  async withToken<T>(request: (token: string) => Promise<T>): Promise<T> {
    const first = await this.token();
    try {
      return await request(first);
    } catch (err) {
      if (!isSansPbxAuthError(err)) throw err;
      this.forget(first);
      const second = await this.token();
      try {
        return await request(second);
      } catch (retryErr) {
        if (isSansPbxAuthError(retryErr)) {
          throw ProviderError.permanent(`SansPBX rejected a freshly issued Apitoken: ${retryErr.message}`);
        }
        throw retryErr;
      }
    }
  }

  /** Drops `token` if it is still the cached one (a concurrent request may already have replaced it). */
  private forget(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private refresh(): Promise<CachedToken> {
    this.inFlight ??= this.fetchToken()
      .then((fresh) => {
        this.cached = fresh;
        return fresh;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  private async fetchToken(): Promise<CachedToken> {
    let body: SansPbxBody;
    try {
      body = await this.client.post('gentoken', { access_key: this.credentials.accessKey }, { Accesstoken: this.credentials.accessToken });
    } catch (err) {
      if (err instanceof SansPbxAuthError) {
        throw ProviderError.permanent(`SansPBX refused SANSPBX_ACCESS_TOKEN / SANSPBX_ACCESS_KEY: ${err.message}`);
      }
      throw err;
    }
    const data = unwrap(body);
    const token = data.Apitoken ?? data.apitoken ?? data.api_token ?? data.token;
    if (typeof token !== 'string' || token === '') throw ProviderError.permanent('SansPBX gentoken answered without an Apitoken');
    const fetchedAtMs = this.now();
    const expiresAt = parseSansPbxTime(data.expiry_time);
    return { token, refreshAtMs: expiresAt ? this.refreshAt(fetchedAtMs, expiresAt.getTime()) : undefined };
  }

  /**
   * Ten minutes before expiry; for a token that lives less than twice that, halfway through its life, so a
   * short-lived token is still reused rather than replaced on every request.
   */
  private refreshAt(fetchedAtMs: number, expiresAtMs: number): number {
    const lifetimeMs = Math.max(0, expiresAtMs - fetchedAtMs);
    return expiresAtMs - Math.min(this.refreshMarginMs, lifetimeMs / 2);
  }
}

/** gentoken's fields sit at the top level or inside `data`. */
function unwrap(body: SansPbxBody): SansPbxBody {
  const data = body.data;
  if (typeof data === 'object' && data !== null && !Array.isArray(data) && 'Apitoken' in data) return data as SansPbxBody;
  return body;
}
