import twilio from 'twilio';

type RequestOptions = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0];

/**
 * The Twilio SDK's own HTTP client with one change: every request goes to `baseUrl` (scheme, host and port)
 * instead of api.twilio.com. Paths, auth, form encoding and error parsing stay the SDK's.
 */
export class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(baseUrl: string) {
    super();
    this.base = new URL(baseUrl);
  }

  override request<TData>(opts: RequestOptions & { data?: TData }) {
    const target = new URL(opts.uri);
    target.protocol = this.base.protocol;
    target.host = this.base.host;
    return super.request<TData>({ ...opts, uri: target.toString() });
  }
}

export function simTwilioClient(baseUrl: string, accountSid: string, authToken: string): twilio.Twilio {
  return twilio(accountSid, authToken, { httpClient: new BaseUrlRequestClient(baseUrl) });
}
