import type { CallProvider, DialRequest, DialResult, ProviderCallStatus } from '../call-provider';
import { ProviderError } from '../provider-error';
import { extractSansPbxCallId } from './call-id';
import { SansPbxClient } from './sanspbx-client';
import { toSansPbxCallerId, toSansPbxCallTo } from './sanspbx-numbers';
import { SansPbxTokenCache, type SansPbxCredentials, type SansPbxTokenCacheOptions } from './token-cache';

export interface SansPbxProviderConfig extends SansPbxCredentials, SansPbxTokenCacheOptions {
  /** SANSPBX_BASE_URL */
  baseUrl: string;
  /** SANSPBX_APP_ID: the account's application, sent as a number. */
  appId: number;
  requestTimeoutMs?: number;
}

/**
 * Dials through SansPBX (shared/providers/SANSPBX.md). SansPBX reports a call once, after it ended, to
 * the `status_callback` the dialer builds; it has no status query, no live call control beyond
 * disconnecting, and no recording API.
 */
export class SansPbxProvider implements CallProvider {
  private readonly client: SansPbxClient;
  private readonly tokens: SansPbxTokenCache;

  constructor(private readonly config: SansPbxProviderConfig) {
    this.client = new SansPbxClient({ baseUrl: config.baseUrl, requestTimeoutMs: config.requestTimeoutMs });
    this.tokens = new SansPbxTokenCache(this.client, config, { refreshMarginMs: config.refreshMarginMs, now: config.now });
  }

  async dial(req: DialRequest): Promise<DialResult> {
    const body = {
      appid: this.config.appId,
      call_to: toSansPbxCallTo(req.to),
      caller_id: toSansPbxCallerId(req.callerId, req.from),
      status_callback: req.statusCallbackUrl,
      // Echoed back in the callback: our call id, for payloads whose URL was lost or rewritten.
      custom_field: req.callId,
      // SansPBX streams the answered call to websocket_url; the runtime reads the call's parameters (and the
      // report URL it posts its end-of-call report to) from that URL's query string.
      ...(req.voiceRuntime ? { websocket_url: withQuery(req.voiceRuntime.url, req.voiceRuntime.parameters) } : {}),
    };
    const answer = await this.tokens.withToken((token) => this.client.post('dialcall', body, { Apitoken: token }));
    const providerCallSid = extractSansPbxCallId(answer);
    if (!providerCallSid) throw ProviderError.permanent('SansPBX dialcall succeeded without a call id');
    return { providerCallSid };
  }

  /**
   * SansPBX has no status query. Until its end-of-call callback arrives a call counts as still live, so
   * reconciliation of a call that never reported disconnects it and fails it as `timeout`.
   */
  fetchStatus(): Promise<ProviderCallStatus> {
    return Promise.resolve({ status: 'DIALING' });
  }

  async hangUp(providerCallSid: string): Promise<void> {
    await this.tokens.withToken((token) => this.client.post('calldisconnect', { callid: providerCallSid }, { Apitoken: token }));
  }

  connectToAgent(): Promise<never> {
    return Promise.reject(ProviderError.permanent('SansPBX has no API for connecting a waiting caller to an agent'));
  }

  startRecording(): Promise<never> {
    return Promise.reject(
      ProviderError.permanent('SansPBX has no API for starting a recording; calls are recorded by the account settings'),
    );
  }

  /** SansPBX has no call query: a dial whose outcome was lost is never retried (at most once). */
  findPlacedCall(): Promise<'unknown'> {
    return Promise.resolve('unknown');
  }
}

function withQuery(url: string, parameters: Record<string, string>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(parameters)) target.searchParams.set(name, value);
  return target.toString();
}
