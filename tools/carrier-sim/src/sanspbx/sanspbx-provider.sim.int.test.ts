import { randomUUID } from 'node:crypto';
import {
  DEV_SANSPBX_ACCESS_KEY,
  DEV_SANSPBX_ACCESS_TOKEN,
  startCallbackReceiver,
  startCarrierSim,
  type CallbackReceiver,
  type RunningCarrierSim,
  type SansPbxCallbackPayload,
  type StartCarrierSimOptions,
} from '../index';
import { ProviderError, SansPbxProvider, type CallProvider, type DialRequest, type SansPbxProviderConfig } from '@dialwave/providers';
import { waitFor } from '@dialwave/testkit';

const DID = '+918047180000';
const SECRET = 'test-sanspbx-callback-secret';

let sim: RunningCarrierSim | undefined;
let receiver: CallbackReceiver;

beforeAll(async () => {
  receiver = await startCallbackReceiver();
});

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

afterAll(async () => {
  await receiver.close();
});

async function startSim(options: StartCarrierSimOptions = {}): Promise<RunningCarrierSim> {
  sim = await startCarrierSim({ timeScale: 0.01, ...options });
  return sim;
}

function providerFor(running: RunningCarrierSim, config: Partial<SansPbxProviderConfig> = {}): SansPbxProvider {
  return new SansPbxProvider({
    baseUrl: `${running.url}/sanspbx`,
    accessToken: DEV_SANSPBX_ACCESS_TOKEN,
    accessKey: DEV_SANSPBX_ACCESS_KEY,
    appId: 7,
    requestTimeoutMs: 5_000,
    ...config,
  });
}

function dialRequest(to: string, overrides: Partial<DialRequest> = {}): DialRequest {
  const callId = randomUUID();
  return {
    callId,
    to,
    from: DID,
    statusCallbackUrl: `${receiver.baseUrl}/sanspbx/status?callId=${callId}&token=${SECRET}`,
    record: false,
    timeoutSeconds: 30,
    ...overrides,
  };
}

async function stats(running: RunningCarrierSim): Promise<{ tokensIssued: number; dials: number }> {
  const response = await fetch(`${running.url}/sim/sanspbx/stats`);
  return (await response.json()) as { tokensIssued: number; dials: number };
}

async function simCall(
  running: RunningCarrierSim,
  callid: string,
): Promise<{ state: string; appid: string; callerId: string; callTo: string }> {
  const response = await fetch(`${running.url}/sim/sanspbx/calls/${encodeURIComponent(callid)}`);
  return (await response.json()) as { state: string; appid: string; callerId: string; callTo: string };
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

describe('SansPBX provider against the carrier simulator', () => {
  it('dials the national number with a leading 0, the app id and the caller id, and returns the call id', async () => {
    const running = await startSim();
    const provider = providerFor(running);

    const { providerCallSid } = await provider.dial(dialRequest('+919876543200', { callerId: '7180000' }));

    expect(providerCallSid).toMatch(/^api-7-09876543200-\d+$/);
    expect(await simCall(running, providerCallSid)).toMatchObject({ appid: '7', callTo: '09876543200', callerId: '7180000' });
  });

  it("uses the DID's national digits as caller id when the agent has none", async () => {
    const running = await startSim();
    const { providerCallSid } = await providerFor(running).dial(dialRequest('+919876543200'));
    expect(await simCall(running, providerCallSid)).toMatchObject({ callerId: '8047180000' });
  });

  it('reuses one token for many dials', async () => {
    const running = await startSim();
    const provider = providerFor(running);

    for (const last of ['0', '1', '2', '3']) await provider.dial(dialRequest(`+91987654321${last}`));

    expect(await stats(running)).toEqual({ tokensIssued: 1, dials: 4 });
  });

  it('fetches a single token for a concurrent burst of dials', async () => {
    const running = await startSim();
    const provider = providerFor(running);

    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => provider.dial(dialRequest(`+91987654330${i % 9}`))));

    expect(new Set(results.map((r) => r.providerCallSid)).size).toBeGreaterThan(1);
    expect(await stats(running)).toEqual({ tokensIssued: 1, dials: 10 });
  });

  it('fetches a new token once when SansPBX says the cached one expired, and the dial succeeds', async () => {
    const running = await startSim({ sansPbx: { tokenTtlSeconds: 1 } });
    // A clock an hour behind: the cache keeps believing its token fresh, so only SansPBX's 401 can tell it.
    const provider = providerFor(running, { now: () => Date.now() - 3_600_000 });
    await provider.dial(dialRequest('+919876543200'));
    const expiresBy = Date.now() + 1_000;
    await waitFor(() => Date.now() > expiresBy, { what: 'the simulator token to expire' });

    const { providerCallSid } = await provider.dial(dialRequest('+919876543201'));

    expect(providerCallSid).toMatch(/^api-7-09876543201-/);
    // Two tokens; the dial with the expired one was refused before it counted.
    expect(await stats(running)).toEqual({ tokensIssued: 2, dials: 2 });
  });

  it('refreshes a token ahead of its expiry without a failed request', async () => {
    const running = await startSim({ sansPbx: { tokenTtlSeconds: 1 } });
    const provider = providerFor(running);
    await provider.dial(dialRequest('+919876543200'));
    // A 1 s token is refreshed halfway through its life.
    const refreshDueBy = Date.now() + 600;
    await waitFor(() => Date.now() > refreshDueBy, { what: 'the token refresh point to pass' });

    await provider.dial(dialRequest('+919876543201'));

    expect(await stats(running)).toEqual({ tokensIssued: 2, dials: 2 });
  });

  it('fails permanently on wrong credentials, without echoing them', async () => {
    const running = await startSim();
    const provider = providerFor(running, { accessKey: 'wrong-key-value' });

    const error = await rejectionOf(provider.dial(dialRequest('+919876543200')));

    expect(error.errorClass).toBe('permanent');
    expect(error.message).toMatch(/SANSPBX_ACCESS_TOKEN \/ SANSPBX_ACCESS_KEY/);
    expect(error.message).not.toContain('wrong-key-value');
    expect(error.message).not.toContain(DEV_SANSPBX_ACCESS_TOKEN);
    expect(await stats(running)).toEqual({ tokensIssued: 0, dials: 0 });
  });

  it("fails permanently with SansPBX's 'Invalid number' when it refuses the number", async () => {
    const running = await startSim();
    const error = await rejectionOf(providerFor(running).dial(dialRequest('+919876543219')));
    expect(error).toMatchObject({ errorClass: 'permanent', message: expect.stringContaining('Invalid number') });
  });

  it('refuses a non-Indian number before calling SansPBX', async () => {
    const running = await startSim();
    const error = await rejectionOf(providerFor(running).dial(dialRequest('+14155550123')));
    expect(error).toMatchObject({ errorClass: 'permanent', message: expect.stringContaining('+14155550123') });
    expect(await stats(running)).toEqual({ tokensIssued: 0, dials: 0 });
  });

  it('treats an unreachable SansPBX as transient', async () => {
    const running = await startSim();
    const baseUrl = `${running.url}/sanspbx`;
    await running.close();
    sim = undefined;
    const error = await rejectionOf(
      new SansPbxProvider({ baseUrl, accessToken: 'a', accessKey: 'b', appId: 1 }).dial(dialRequest('+919876543200')),
    );
    expect(error.errorClass).toBe('transient');
  });

  it('hangs up a live call with calldisconnect', async () => {
    // Real time: a talker with second-to-last digit 9 stays on the line for 11 s.
    const running = await startSim({ timeScale: 1 });
    const provider = providerFor(running);
    const request = dialRequest('+919876543290');
    const { providerCallSid } = await provider.dial(request);

    await provider.hangUp(providerCallSid);

    expect((await simCall(running, providerCallSid)).state).toBe('ended');
    const [callback] = await waitFor(
      () =>
        receiver.received.some((r) => r.url.includes(request.callId))
          ? receiver.received.filter((r) => r.url.includes(request.callId))
          : undefined,
      {
        what: 'the end-of-call callback of the disconnected call',
      },
    );
    expect((callback?.json as SansPbxCallbackPayload).callid).toBe(providerCallSid);
    expect(await stats(running)).toEqual({ tokensIssued: 1, dials: 1 });
  });

  it('fails permanently to hang up a call SansPBX does not know', async () => {
    const running = await startSim();
    const error = await rejectionOf(providerFor(running).hangUp('api-7-09876543200-1'));
    expect(error).toMatchObject({ errorClass: 'permanent', message: expect.stringContaining('Invalid callid') });
  });

  it('gets the end-of-call callback at the status_callback URL, with our call id in custom_field', async () => {
    const running = await startSim();
    const request = dialRequest('+919876543231');
    const { providerCallSid } = await providerFor(running).dial(request);

    const callback = await waitFor(() => receiver.received.find((r) => r.url.includes(request.callId)), { what: 'the SansPBX callback' });

    expect(callback.path).toBe('/sanspbx/status');
    expect(new URL(callback.url).searchParams.get('token')).toBe(SECRET);
    expect(callback.json).toMatchObject({
      callid: providerCallSid,
      call_to: '09876543231',
      did: '8047180000',
      disposition: 'ANSWER',
      billsec: 5,
      duration: 6,
      cause_txt: 'Normal Clearing',
      custom_field: request.callId,
      recfile: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/recordings\/.+\.wav$/),
      start_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      end_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
  });

  it('has no status query, so a call counts as still live until its callback', async () => {
    const running = await startSim();
    const provider: CallProvider = providerFor(running);
    await expect(provider.fetchStatus('api-7-09876543200-1')).resolves.toEqual({ status: 'DIALING' });
  });

  it('has no API to connect a caller to an agent or to start a recording', async () => {
    const running = await startSim();
    const provider: CallProvider = providerFor(running);
    expect(await rejectionOf(provider.connectToAgent('api-1', { id: 'a', name: 'A' }))).toMatchObject({
      errorClass: 'permanent',
      message: expect.stringContaining('SansPBX has no API'),
    });
    expect(await rejectionOf(provider.startRecording('api-1', 'http://x'))).toMatchObject({
      errorClass: 'permanent',
      message: expect.stringContaining('SansPBX has no API'),
    });
  });
});
