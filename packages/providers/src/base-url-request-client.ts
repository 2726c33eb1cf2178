import twilio from 'twilio';

type RequestOptions<TData> = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: TData };

export const TWILIO_API_ORIGIN = 'https://api.twilio.com';

/**
 * The Twilio SDK's own HTTP client, sending api.twilio.com requests to another base URL (the carrier
 * simulator, or a recording proxy). Paths, auth, form encoding and error parsing stay the SDK's, so the
 * code that runs against the simulator is the code that runs against Twilio.
 */
export class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(baseUrl: string, options?: ConstructorParameters<typeof twilio.RequestClient>[0]) {
    super(options);
    this.base = new URL(baseUrl);
  }

  override request<TData>(opts: RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: rewriteTwilioUri(opts.uri, this.base) });
  }
}

/** Moves an api.twilio.com URI onto `base` (scheme, host, port and any path prefix); other hosts pass through. */
export function rewriteTwilioUri(uri: string, base: URL): string {
  const target = new URL(uri);
  if (target.origin !== TWILIO_API_ORIGIN) return uri;
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${target.pathname}${target.search}`;
}
