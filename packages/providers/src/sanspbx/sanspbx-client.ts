import { classifyProviderError, ProviderError } from '../provider-error';
import { SansPbxAuthError } from './sanspbx-errors';

export interface SansPbxClientConfig {
  /** SANSPBX_BASE_URL, e.g. https://<host>/pbxadmin/sanpbxapi */
  baseUrl: string;
  /** Per-request timeout, in ms. */
  requestTimeoutMs?: number;
}

/** A SansPBX answer with `status: success`; the rest of its shape varies by endpoint and account. */
export type SansPbxBody = Record<string, unknown>;

/**
 * JSON over HTTP to one SansPBX account. Every failure leaves as a ProviderError: 401/403 as
 * SansPbxAuthError, 429/5xx/network/timeout transient, any other HTTP error or a `status` other than
 * `success` permanent with SansPBX's `msg`. Header values (credentials, tokens) never appear in errors.
 */
export class SansPbxClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(config: SansPbxClientConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = config.requestTimeoutMs ?? 15_000;
  }

  async post(endpoint: string, body: unknown, headers: Record<string, string>): Promise<SansPbxBody> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw requestFailure(endpoint, err);
    }
    const text = await response.text().catch(() => '');
    const parsed = parseJson(text);
    const message = messageOf(parsed) ?? (text.slice(0, 200) || response.statusText);
    if (response.status === 401 || response.status === 403) {
      throw new SansPbxAuthError(`SansPBX ${endpoint} refused the credentials (HTTP ${response.status}): ${message}`, response.status);
    }
    if (!response.ok) {
      const transient = response.status >= 500 || response.status === 429;
      throw new ProviderError(
        transient ? 'transient' : 'permanent',
        `SansPBX ${endpoint} HTTP ${response.status}: ${message}`,
        undefined,
        response.status,
      );
    }
    if (!parsed || !isSuccess(parsed)) {
      throw new ProviderError(
        'permanent',
        `SansPBX ${endpoint} failed: ${message || 'no status in the answer'}`,
        undefined,
        response.status,
      );
    }
    return parsed;
  }
}

function requestFailure(endpoint: string, err: unknown): ProviderError {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ProviderError('transient', `SansPBX ${endpoint} timed out`, undefined, undefined, { cause: err });
  }
  const classified = classifyProviderError(err);
  // fetch wraps socket errors as `TypeError: fetch failed` with the code on `cause`: classified as network
  // errors; anything else that kept the request from completing is also worth another try.
  return classified.isTransient
    ? classified
    : new ProviderError('transient', `SansPBX ${endpoint} request failed: ${classified.message}`, undefined, undefined, { cause: err });
}

function parseJson(text: string): SansPbxBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as SansPbxBody) : undefined;
  } catch {
    return undefined;
  }
}

/** `status` at the top, or inside `data` for accounts whose answers are wrapped. */
function isSuccess(body: SansPbxBody): boolean {
  const status = body.status ?? (body.data as SansPbxBody | undefined)?.status;
  return typeof status === 'string' && status.toLowerCase() === 'success';
}

function messageOf(body: SansPbxBody | undefined): string | undefined {
  if (!body) return undefined;
  const msg = body.msg ?? body.message ?? (body.data as SansPbxBody | undefined)?.msg;
  if (typeof msg === 'string') return msg;
  if (msg !== undefined && msg !== null) return JSON.stringify(msg);
  return undefined;
}
