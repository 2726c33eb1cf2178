import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import { ProviderError } from '../provider-error';
import { SansPbxProvider } from './sanspbx-provider';

/**
 * Answers the carrier simulator does not give (wrapped tokens, 5xx, 429, slow answers, a token rejected
 * right after issue), from a scripted stand-in for a SansPBX account.
 */
type Handler = (req: Request, res: Response) => void;

let server: Server;
let baseUrl: string;
let gentoken: Handler;
let dialcall: Handler;
let gentokenRequests = 0;

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.post('/api/gentoken', (req, res) => {
    gentokenRequests++;
    gentoken(req, res);
  });
  app.post('/api/dialcall', (req, res) => dialcall(req, res));
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

beforeEach(() => {
  gentokenRequests = 0;
  gentoken = (_req, res) => res.json({ status: 'success', Apitoken: 'token-1', expiry_time: '2999-01-01 00:00:00' });
  dialcall = (_req, res) => res.json({ status: 'success', callid: 'api-1-09876543210-1' });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function provider(requestTimeoutMs = 2_000): SansPbxProvider {
  return new SansPbxProvider({ baseUrl, accessToken: 'access-token', accessKey: 'access-key', appId: 1, requestTimeoutMs });
}

function dial(p: SansPbxProvider = provider()) {
  return p.dial({
    callId: 'c1',
    to: '+919876543210',
    from: '+918047180000',
    statusCallbackUrl: 'http://hooks.test/sanspbx/status',
    record: false,
    timeoutSeconds: 30,
  });
}

async function rejectionOf(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected the request to fail');
}

describe('SansPBX HTTP answers', () => {
  it('sends the gentoken credentials as SansPBX expects and the token on dialcall', async () => {
    let tokenRequest: { header?: string; body?: unknown } = {};
    let dialHeader: string | undefined;
    gentoken = (req, res) => {
      tokenRequest = { header: req.get('accesstoken'), body: req.body as unknown };
      res.json({ status: 'success', Apitoken: 'token-1', expiry_time: '2999-01-01 00:00:00' });
    };
    dialcall = (req, res) => {
      dialHeader = req.get('apitoken');
      res.json({ status: 'success', callid: 'api-1-09876543210-1' });
    };
    await dial();
    expect(tokenRequest).toEqual({ header: 'access-token', body: { access_key: 'access-key' } });
    expect(dialHeader).toBe('token-1');
  });

  it("hands the agent's voice runtime to SansPBX as websocket_url, the call's parameters in its query", async () => {
    const bodies: Record<string, unknown>[] = [];
    dialcall = (req, res) => {
      bodies.push(req.body as Record<string, unknown>);
      res.json({ status: 'success', callid: 'api-1-09876543210-1' });
    };
    const p = provider();
    await dial(p);
    const reportUrl = 'https://hooks.example.in/agent/report?callId=c1&token=abc';
    await p.dial({
      callId: 'c1',
      to: '+919876543210',
      from: '+918047180000',
      statusCallbackUrl: 'http://hooks.test/sanspbx/status',
      record: false,
      timeoutSeconds: 30,
      voiceRuntime: {
        url: 'wss://runtime.example.in/agent?tenant=7',
        parameters: { callId: 'c1', leadName: 'Asha Rao', greeting: 'Namaste!', reportUrl },
      },
    });
    expect(bodies[0]).not.toHaveProperty('websocket_url');
    const streamed = new URL(String(bodies[1]!.websocket_url));
    expect(`${streamed.origin}${streamed.pathname}`).toBe('wss://runtime.example.in/agent');
    expect(Object.fromEntries(streamed.searchParams)).toEqual({
      tenant: '7',
      callId: 'c1',
      leadName: 'Asha Rao',
      greeting: 'Namaste!',
      reportUrl,
    });
  });

  it('reads a token wrapped in data', async () => {
    gentoken = (_req, res) => res.json({ data: { status: 'success', Apitoken: 'wrapped-token', expiry_time: '2999-01-01 00:00:00' } });
    let used: string | undefined;
    dialcall = (req, res) => {
      used = req.get('apitoken');
      res.json({ data: { status: 'success', msg: { callid: 'api-1-x-1' } } });
    };
    await expect(dial()).resolves.toEqual({ providerCallSid: 'api-1-x-1' });
    expect(used).toBe('wrapped-token');
  });

  it.each([
    [503, 'transient'],
    [500, 'transient'],
    [429, 'transient'],
    [400, 'permanent'],
  ] as const)('classifies dialcall HTTP %i as %s', async (status, errorClass) => {
    dialcall = (_req, res) => res.status(status).json({ status: 'failed', msg: 'try later' });
    const error = await rejectionOf(dial());
    expect(error).toMatchObject({ errorClass, httpStatus: status });
  });

  it("fails permanently with SansPBX's msg on HTTP 200 with a status other than success", async () => {
    dialcall = (_req, res) => res.json({ status: 'failed', msg: 'caller_id not allowed' });
    expect(await rejectionOf(dial())).toMatchObject({ errorClass: 'permanent', message: expect.stringContaining('caller_id not allowed') });
  });

  it('treats a dialcall that does not answer within the timeout as transient', async () => {
    dialcall = () => undefined; // never answers
    expect(await rejectionOf(dial(provider(200)))).toMatchObject({
      errorClass: 'transient',
      message: expect.stringContaining('timed out'),
    });
  });

  it('fetches a new token once on a 401 and fails permanently when the new one is refused too', async () => {
    let dials = 0;
    dialcall = (_req, res) => {
      dials++;
      res.status(401).json({ status: 'failed', msg: 'Invalid or expired Apitoken' });
    };
    const error = await rejectionOf(dial());
    expect(error.errorClass).toBe('permanent');
    expect(dials).toBe(2);
    expect(gentokenRequests).toBe(2);
  });

  it('shares one failed token request among concurrent dials, and asks again on the next dial', async () => {
    gentoken = (_req, res) => res.status(503).json({ status: 'failed', msg: 'maintenance' });
    const p = provider();
    const errors = await Promise.all([rejectionOf(dial(p)), rejectionOf(dial(p)), rejectionOf(dial(p))]);
    expect(errors.map((e) => e.errorClass)).toEqual(['transient', 'transient', 'transient']);
    expect(gentokenRequests).toBe(1);
    await rejectionOf(dial(p));
    expect(gentokenRequests).toBe(2);
  });

  it('fails permanently when dialcall succeeds without a call id', async () => {
    dialcall = (_req, res) => res.json({ status: 'success', msg: 'queued' });
    expect(await rejectionOf(dial())).toMatchObject({ errorClass: 'permanent', message: expect.stringContaining('without a call id') });
  });
});
