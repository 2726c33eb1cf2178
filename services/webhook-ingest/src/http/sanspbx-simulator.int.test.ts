import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCarrierSim, type RunningCarrierSim } from '@dialwave/carrier-sim';
import { signCallToken } from '@dialwave/platform';
import { waitFor } from '@dialwave/testkit';
import { startIngestHarness, TEST_SANSPBX_SECRET, type IngestHarness } from '../testing/ingest-harness';

interface SimSansPbxCallView {
  callback?: { duplicated: boolean; deliveries: { httpStatus?: number }[] };
}

const sansPbx = { accessToken: 'ingest-test-sanspbx-access-token', accessKey: 'ingest-test-sanspbx-access-key' };

let h: IngestHarness;
let server: Server;
let ingestUrl: string;
let sim: RunningCarrierSim;

/** The simulator's SansPBX dialect (what the real PBX is known to send), delivering every callback twice. */
beforeAll(async () => {
  h = await startIngestHarness();
  server = createServer(h.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ingestUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sim = await startCarrierSim({ timeScale: 0.01, sansPbx, duplicateRate: 1 });
});

afterAll(async () => {
  await sim.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
});

async function sansPbxPost<T>(path: string, body: unknown, headers: Record<string, string>): Promise<T> {
  const res = await fetch(`${sim.url}/sanspbx/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('SansPBX end-of-call callbacks from the simulator', () => {
  it('ends each call in the status its disposition names and moves the campaign counters once per call', async () => {
    const seeded = await h.seedCampaign({ leads: 4 });
    const { Apitoken } = await sansPbxPost<{ Apitoken: string }>(
      'gentoken',
      { access_key: sansPbx.accessKey },
      { Accesstoken: sansPbx.accessToken },
    );
    // Last digit decides: 0 answered (2 s talk), 6 no answer, 7 busy, 8 failed.
    const numbers = ['04155551000', '04155551006', '04155551007', '04155551008'];
    for (const [i, call] of seeded.calls.entries()) {
      await h.db.prisma.call.update({ where: { id: call.id }, data: { provider: 'SANSPBX', providerCallSid: null, status: 'DIALING' } });
      const statusCallback = `${ingestUrl}/sanspbx/status?${new URLSearchParams({ callId: call.id, token: signCallToken(TEST_SANSPBX_SECRET, call.id) }).toString()}`;
      const dialled = await sansPbxPost<{ status: string }>(
        'dialcall',
        { appid: 1, call_to: numbers[i], caller_id: '8045551234', status_callback: statusCallback },
        { Apitoken },
      );
      expect(dialled.status).toBe('success');
    }

    const campaign = await waitFor(
      async () => {
        const row = await h.db.prisma.campaign.findUniqueOrThrow({ where: { id: seeded.campaignId } });
        return row.status === 'COMPLETED' ? row : undefined;
      },
      { what: 'the campaign to complete' },
    );
    expect(campaign).toMatchObject({ completedLeads: 4, successfulCalls: 1, missedCalls: 2, failedCalls: 1, totalTalkSeconds: 2 });

    const calls = await h.db.prisma.call.findMany({ where: { campaignId: seeded.campaignId }, orderBy: { toNumber: 'asc' } });
    const byId = new Map(calls.map((c) => [c.id, c]));
    const [answered, noAnswer, busy, failed] = seeded.calls.map((c) => byId.get(c.id)!);
    expect(answered).toMatchObject({ status: 'COMPLETED', durationSeconds: 2 });
    expect(answered!.providerCallSid).toMatch(/^api-1-04155551000-\d+$/);
    expect(answered!.recordingUrl).toMatch(new RegExp(`^${sim.url}/recordings/`));
    expect(noAnswer).toMatchObject({ status: 'MISSED', durationSeconds: 0, recordingUrl: null });
    expect(busy).toMatchObject({ status: 'BUSY', durationSeconds: 0 });
    expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'No circuit/channel available' });

    // Every callback was delivered twice and answered 200 both times; each call still holds one log row.
    await waitFor(
      async () => {
        const views = await Promise.all(
          calls.map(async (c) => (await (await fetch(`${sim.url}/sim/sanspbx/calls/${c.providerCallSid}`)).json()) as SimSansPbxCallView),
        );
        return views.every((v) => v.callback?.duplicated && v.callback.deliveries.filter((d) => d.httpStatus === 200).length === 2);
      },
      { what: 'both deliveries of every callback' },
    );
    for (const call of calls) expect(await h.db.prisma.callLog.count({ where: { callId: call.id } })).toBe(1);
  });
});
