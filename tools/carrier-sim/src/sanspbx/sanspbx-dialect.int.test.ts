import { waitFor } from '@dialwave/testkit';
import { formatIndiaTime } from './india-time';
import { startCarrierSim, type RunningCarrierSim } from '../index';
import { startCallbackReceiver, type CallbackReceiver, type ReceivedCallback } from '../testing/callback-receiver';
import { DEV_SANSPBX_ACCESS_KEY, DEV_SANSPBX_ACCESS_TOKEN } from '../sim-config';

const ACCESS_TOKEN = 'test-sanspbx-access-token';
const ACCESS_KEY = 'test-sanspbx-access-key';
const INDIA_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** `YYYY-MM-DD HH:mm:ss` in India time back to an instant. */
const fromIndiaTime = (text: string) => new Date(`${text.replace(' ', 'T')}+05:30`);

describe('SansPBX dialect', () => {
  let receiver: CallbackReceiver;
  let sim: RunningCarrierSim;
  let slow: RunningCarrierSim;
  let shortLived: RunningCarrierSim;
  let devDefaults: RunningCarrierSim;
  let duplicating: RunningCarrierSim;

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    const sansPbx = { accessToken: ACCESS_TOKEN, accessKey: ACCESS_KEY };
    sim = await startCarrierSim({ timeScale: 0.01, sansPbx });
    // Slow enough to disconnect a call while it rings or talks.
    slow = await startCarrierSim({ timeScale: 0.05, sansPbx });
    shortLived = await startCarrierSim({ timeScale: 0.01, sansPbx: { ...sansPbx, tokenTtlSeconds: 0.3 } });
    devDefaults = await startCarrierSim({ timeScale: 0.01 });
    duplicating = await startCarrierSim({ timeScale: 0.01, sansPbx, duplicateRate: 1, dropRate: 1, reorderRate: 1 });
  });

  afterAll(async () => {
    await Promise.all([sim.close(), slow.close(), shortLived.close(), devDefaults.close(), duplicating.close()]);
    await receiver.close();
  });

  function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
    return fetch(`${base}/sanspbx/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  async function token(base: string, accessToken = ACCESS_TOKEN, accessKey = ACCESS_KEY): Promise<string> {
    const response = await post(base, 'gentoken', { access_key: accessKey }, { Accesstoken: accessToken });
    expect(response.status).toBe(200);
    return ((await response.json()) as { Apitoken: string }).Apitoken;
  }

  async function dial(base: string, apiToken: string, body: Record<string, unknown>) {
    const response = await post(base, 'dialcall', body, { Apitoken: apiToken });
    return { status: response.status, body: (await response.json()) as { status: string; msg: unknown } };
  }

  const callbackUrl = (tag: string) => `${receiver.baseUrl}/sanspbx/status?callId=${tag}&token=secret`;

  function callbacksFor(callid: string, count = 1): Promise<ReceivedCallback[]> {
    return waitFor(
      () => {
        const found = receiver.received.filter((cb) => (cb.json as { callid?: string } | undefined)?.callid === callid);
        return found.length >= count && found;
      },
      { what: `sanspbx callback for ${callid}` },
    );
  }

  async function stats(base: string) {
    return (await (await fetch(`${base}/sim/sanspbx/stats`)).json()) as { tokensIssued: number; dials: number };
  }

  it('gentoken answers an Apitoken whose expiry_time is India time one TTL from now', async () => {
    const before = Date.now();
    const response = await post(sim.url, 'gentoken', { access_key: ACCESS_KEY }, { Accesstoken: ACCESS_TOKEN });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['Apitoken', 'expiry_time', 'status']);
    expect(body.status).toBe('success');
    expect(body.Apitoken!.length).toBeGreaterThan(20);
    expect(body.expiry_time).toMatch(INDIA_TIME);
    const expiry = fromIndiaTime(body.expiry_time!).getTime();
    expect(expiry).toBeGreaterThanOrEqual(Math.floor((before + 3600_000) / 1000) * 1000);
    expect(expiry).toBeLessThanOrEqual(Date.now() + 3600_000);
  });

  it('gentoken with a wrong access token or access key is refused with 401', async () => {
    const wrongKey = await post(sim.url, 'gentoken', { access_key: 'nope' }, { Accesstoken: ACCESS_TOKEN });
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.json()).toMatchObject({ status: 'failed' });
    const wrongToken = await post(sim.url, 'gentoken', { access_key: ACCESS_KEY }, { Accesstoken: 'nope' });
    expect(wrongToken.status).toBe(401);
    const none = await post(sim.url, 'gentoken', {});
    expect(none.status).toBe(401);
  });

  it('the development credentials work when none are configured', async () => {
    expect(await token(devDefaults.url, DEV_SANSPBX_ACCESS_TOKEN, DEV_SANSPBX_ACCESS_KEY)).toBeTruthy();
  });

  it('dialcall and calldisconnect refuse a missing or unknown Apitoken with 401', async () => {
    const body = { appid: 1, call_to: '09876543217', caller_id: '1234567', status_callback: callbackUrl('x') };
    expect((await post(sim.url, 'dialcall', body)).status).toBe(401);
    expect((await dial(sim.url, 'forged', body)).status).toBe(401);
    expect((await post(sim.url, 'calldisconnect', { callid: 'x' }, { Apitoken: 'forged' })).status).toBe(401);
  });

  it('an Apitoken stops working once its TTL has passed', async () => {
    const apiToken = await token(shortLived.url);
    const disconnect = () => post(shortLived.url, 'calldisconnect', { callid: 'api-1-0-0' }, { Apitoken: apiToken });
    const fresh = await disconnect();
    expect(fresh.status).toBe(200);
    expect(await fresh.json()).toEqual({ status: 'failed', msg: 'Invalid callid' });
    await waitFor(async () => (await disconnect()).status === 401, { what: 'token expiry' });
    // A new token works again.
    const renewed = await post(shortLived.url, 'calldisconnect', { callid: 'api-1-0-0' }, { Apitoken: await token(shortLived.url) });
    expect(renewed.status).toBe(200);
  });

  it('stats count tokens issued and dials, so a client that caches its token can prove it', async () => {
    const before = await stats(sim.url);
    const apiToken = await token(sim.url);
    for (const callTo of ['09876543217', '09876543227', '09876543237']) {
      const { body } = await dial(sim.url, apiToken, {
        appid: 1,
        call_to: callTo,
        caller_id: '1234567',
        status_callback: callbackUrl('s'),
      });
      expect(body.status).toBe('success');
    }
    expect(await stats(sim.url)).toEqual({ tokensIssued: before.tokensIssued + 1, dials: before.dials + 3 });
  });

  it.each([
    // call_to, appid, disposition, billsec, duration, cause, cause_txt
    ['09876543210', 1234, 'ANSWER', 3, 4, 16, 'Normal Clearing'],
    ['09876543294', '77', 'ANSWER', 11, 12, 16, 'Normal Clearing'],
    ['09876543215', 1234, 'ANSWER', 3, 4, 16, 'Normal Clearing'],
    ['09876543216', 1234, 'NOANSWER', 0, 5, 19, 'No answer'],
    ['09876543217', 1234, 'BUSY', 0, 1, 17, 'User busy'],
    ['09876543218', 1234, 'FAILED', 0, 1, 34, 'No circuit/channel available'],
  ])(
    'dialing %s (appid %p) ends with one unsigned JSON callback: %s, billsec %i, duration %i',
    async (callTo, appid, disposition, billsec, duration, cause, causeTxt) => {
      const apiToken = await token(sim.url);
      const before = Date.now();
      const { status, body } = await dial(sim.url, apiToken, {
        appid,
        call_to: callTo,
        caller_id: '1234567',
        status_callback: callbackUrl(callTo),
        custom_field: { leadId: 'lead-1', attempt: 2 },
      });
      expect(status).toBe(200);
      expect(body.status).toBe('success');
      const { callid } = body.msg as { callid: string };
      const match = /^api-(.+)-(\d+)-(\d{13})$/.exec(callid);
      expect(match?.slice(1, 3)).toEqual([String(appid), callTo]);
      expect(Number(match![3])).toBeGreaterThanOrEqual(before);

      const [callback] = await callbacksFor(callid);
      expect(callback!.url).toBe(callbackUrl(callTo));
      expect(callback!.contentType).toContain('application/json');
      expect(callback!.signature).toBe('');
      const payload = callback!.json as Record<string, unknown>;
      const startTime = String(payload.start_time);
      expect(startTime).toMatch(INDIA_TIME);
      expect(fromIndiaTime(startTime).getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(payload).toEqual({
        callid,
        call_to: callTo,
        did: '1234567',
        start_time: startTime,
        end_time: formatIndiaTime(new Date(fromIndiaTime(startTime).getTime() + duration * 1000)),
        duration,
        billsec,
        disposition,
        cause,
        cause_txt: causeTxt,
        recfile: disposition === 'ANSWER' ? `${sim.url}/recordings/${callid}.wav` : '',
        custom_field: { leadId: 'lead-1', attempt: 2 },
      });
      if (disposition === 'ANSWER') {
        const media = await fetch(String(payload.recfile));
        expect(media.status).toBe(200);
        expect(media.headers.get('content-type')).toContain('audio/wav');
      }
      await sim.simulator.sansPbx.idle();
      expect(receiver.received.filter((cb) => (cb.json as { callid?: string } | undefined)?.callid === callid)).toHaveLength(1);
    },
  );

  it('a callback without custom_field carries none', async () => {
    const { body } = await dial(sim.url, await token(sim.url), {
      appid: 5,
      call_to: '09876543247',
      caller_id: 9876543,
      status_callback: callbackUrl('nocf'),
    });
    const [callback] = await callbacksFor((body.msg as { callid: string }).callid);
    expect(callback!.json).not.toHaveProperty('custom_field');
    expect(callback!.json).toMatchObject({ did: '9876543', disposition: 'BUSY' });
  });

  it.each([
    ['10 digits', '9876543210'],
    ['E.164', '+919876543210'],
    ['12 digits', '098765432100'],
    ['ending in 9', '09876543219'],
  ])('a call_to of %s is answered 200 "Invalid number" and never called back', async (_what, callTo) => {
    const before = receiver.received.length;
    const { status, body } = await dial(sim.url, await token(sim.url), {
      appid: 1,
      call_to: callTo,
      caller_id: '1234567',
      status_callback: callbackUrl('invalid'),
    });
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'failed', msg: 'Invalid number' });
    await sim.simulator.sansPbx.idle();
    expect(receiver.received.length).toBe(before);
  });

  it('a dialcall without a status_callback is answered 200 with status failed naming the field', async () => {
    const { status, body } = await dial(sim.url, await token(sim.url), { appid: 1, call_to: '09876543210', caller_id: '1' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'failed' });
    expect(String(body.msg)).toContain('status_callback');
  });

  it('chaos may send the one callback twice, identically, but never drops it', async () => {
    const { body } = await dial(duplicating.url, await token(duplicating.url), {
      appid: 1,
      call_to: '09876543216',
      caller_id: '1',
      status_callback: callbackUrl('dup'),
    });
    const [first, second] = await callbacksFor((body.msg as { callid: string }).callid, 2);
    expect(second!.json).toEqual(first!.json);
    expect(first!.json).toMatchObject({ disposition: 'NOANSWER' });
  });

  it('calldisconnect while ringing reports NOANSWER with no talk time', async () => {
    const apiToken = await token(slow.url);
    const { body } = await dial(slow.url, apiToken, {
      appid: 1,
      call_to: '09876543296',
      caller_id: '1',
      status_callback: callbackUrl('d1'),
    });
    const { callid } = body.msg as { callid: string };
    const disconnect = await post(slow.url, 'calldisconnect', { callid }, { Apitoken: apiToken });
    expect(await disconnect.json()).toEqual({ status: 'success', msg: 'Call disconnected' });
    const [callback] = await callbacksFor(callid);
    expect(callback!.json).toMatchObject({ disposition: 'NOANSWER', billsec: 0, cause: 16, recfile: '' });
    expect((callback!.json as { duration: number }).duration).toBeLessThan(5);
    const again = await post(slow.url, 'calldisconnect', { callid }, { Apitoken: apiToken });
    expect(await again.json()).toEqual({ status: 'failed', msg: 'Call is not active' });
  });

  it('calldisconnect while talking reports ANSWER with the talk time so far', async () => {
    const apiToken = await token(slow.url);
    const { body } = await dial(slow.url, apiToken, {
      appid: 1,
      call_to: '09876543290',
      caller_id: '1',
      status_callback: callbackUrl('d2'),
    });
    const { callid } = body.msg as { callid: string };
    await waitFor(
      async () => {
        const view = (await (await fetch(`${slow.url}/sim/sanspbx/calls/${callid}`)).json()) as { state: string };
        return view.state === 'answered';
      },
      { what: 'answered' },
    );
    await post(slow.url, 'calldisconnect', { callid }, { Apitoken: apiToken });
    const [callback] = await callbacksFor(callid);
    const payload = callback!.json as { disposition: string; billsec: number; duration: number; recfile: string };
    expect(payload.disposition).toBe('ANSWER');
    // Cut short of the 11 seconds this number would talk for.
    expect(payload.billsec).toBeLessThan(11);
    expect(payload.duration).toBeGreaterThanOrEqual(payload.billsec);
    expect(payload.recfile).toBe(`${slow.url}/recordings/${callid}.wav`);
  });
});
