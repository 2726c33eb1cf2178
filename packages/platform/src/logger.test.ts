import { Writable } from 'node:stream';
import { createLogger, urlWithoutQuery } from './logger';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('logger-test', 'info', sink), lines };
}

describe('createLogger', () => {
  it('redacts authorization headers, cookies, tokens, passwords and secrets wherever they sit', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'p-top',
        token: 't-top',
        req: { headers: { authorization: 'Bearer t-header', cookie: 'sid=c-cookie', 'x-twilio-signature': 's-sig' } },
        res: { headers: { 'set-cookie': 'sid=c-set' } },
        body: { email: 'ada@example.com', password: 'p-body' },
        err: { config: { headers: { authorization: 'Basic b-deep' } } },
        config: { jwtSecret: 's-jwt', twilioAuthToken: 's-twilio', sansPbxCallbackSecret: 's-sanspbx', accessKey: 'k-access' },
      },
      'something happened',
    );
    const line = lines.join('');
    for (const secret of [
      'p-top',
      't-top',
      't-header',
      'c-cookie',
      's-sig',
      'c-set',
      'p-body',
      'b-deep',
      's-jwt',
      's-twilio',
      's-sanspbx',
      'k-access',
    ]) {
      expect({ secret, leaked: line.includes(secret) }).toEqual({ secret, leaked: false });
    }
    expect(JSON.parse(line)).toMatchObject({
      service: 'logger-test',
      msg: 'something happened',
      body: { email: 'ada@example.com', password: '[Redacted]' },
    });
  });
});

describe('urlWithoutQuery', () => {
  it('keeps the path and drops the query and fragment, where callback tokens ride', () => {
    expect(urlWithoutQuery('/sanspbx/status?callId=c1&token=secret')).toBe('/sanspbx/status');
    expect(urlWithoutQuery('/twilio/status#x')).toBe('/twilio/status');
    expect(urlWithoutQuery('/api/agents')).toBe('/api/agents');
    expect(urlWithoutQuery(undefined)).toBe('');
  });
});
