import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import jwt from 'jsonwebtoken';
import { io as connectClient, type Socket } from 'socket.io-client';
import request from 'supertest';
import { EVENT_NAMES, userEventsChannel, type ServerToClientEvents, type TUserEventMessage } from '@dialwave/contracts';
import { createLogger, signAuthToken } from '@dialwave/platform';
import { createRedis, waitForRedis } from '@dialwave/platform/redis';
import { testRedisUrl, waitFor } from '@dialwave/testkit';
import { createGateway, type Gateway } from './app';

const JWT_SECRET = 'realtime-gateway-test-secret';

interface Replica {
  gateway: Gateway;
  subscriber: Redis;
  url: string;
}

interface TestClient {
  socket: Socket<ServerToClientEvents>;
  received: { type: string; payload: Record<string, unknown> }[];
}

let publisher: Redis;
const replicas: Replica[] = [];
const clients: Socket[] = [];

async function startReplica(): Promise<Replica> {
  const subscriber = createRedis(testRedisUrl(), 'worker');
  await waitForRedis(subscriber);
  const gateway = createGateway({ subscriber, logger: createLogger('gateway-test', 'silent'), config: { jwtSecret: JWT_SECRET } });
  await gateway.start();
  await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = gateway.httpServer.address() as AddressInfo;
  const replica = { gateway, subscriber, url: `http://127.0.0.1:${port}` };
  replicas.push(replica);
  return replica;
}

function tokenFor(userId: string, expiresInSeconds?: number): string {
  return signAuthToken({ userId, email: `${userId}@example.com` }, JWT_SECRET, expiresInSeconds);
}

function openSocket(url: string, token: string | undefined): Socket<ServerToClientEvents> {
  const socket: Socket<ServerToClientEvents> = connectClient(url, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  clients.push(socket);
  return socket;
}

async function connectAs(url: string, userId: string, expiresInSeconds?: number): Promise<TestClient> {
  const socket = openSocket(url, tokenFor(userId, expiresInSeconds));
  const received: TestClient['received'] = [];
  socket.onAny((type: string, payload: Record<string, unknown>) => received.push({ type, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, received };
}

function refusal(url: string, token: string | undefined): Promise<string> {
  const socket = openSocket(url, token);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('the gateway accepted the socket')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

function callStatusEvent(callId: string): TUserEventMessage {
  return {
    type: EVENT_NAMES.callStatusUpdated,
    payload: {
      callId,
      campaignId: null,
      leadName: 'Ada Lovelace',
      phone: '+14155550100',
      status: 'RINGING',
      durationSeconds: null,
      at: new Date().toISOString(),
    },
  };
}

async function publish(userId: string, message: TUserEventMessage): Promise<void> {
  await publisher.publish(userEventsChannel(userId), JSON.stringify(message));
}

beforeAll(async () => {
  publisher = createRedis(testRedisUrl(), 'producer');
  await waitForRedis(publisher);
});

afterAll(async () => {
  for (const socket of clients) socket.disconnect();
  for (const { gateway, subscriber } of replicas) {
    await gateway.close();
    await subscriber.quit();
  }
  await publisher.quit();
});

describe('realtime gateway', () => {
  it("delivers each user's Redis events only to that user's sockets", async () => {
    const { url } = await startReplica();
    const alice = randomUUID();
    const bob = randomUUID();
    const aliceClient = await connectAs(url, alice);
    const bobClient = await connectAs(url, bob);

    await publish(alice, callStatusEvent('alice-1'));
    await publish(bob, callStatusEvent('bob-1'));
    // One publisher's messages arrive in order, so once each marker is in, a leaked event would be too.
    await publish(alice, callStatusEvent('alice-marker'));
    await publish(bob, callStatusEvent('bob-marker'));
    await waitFor(() => aliceClient.received.some((e) => e.payload.callId === 'alice-marker'), { what: "alice's marker" });
    await waitFor(() => bobClient.received.some((e) => e.payload.callId === 'bob-marker'), { what: "bob's marker" });

    expect(aliceClient.received.map((e) => [e.type, e.payload.callId])).toEqual([
      ['call:status-updated', 'alice-1'],
      ['call:status-updated', 'alice-marker'],
    ]);
    expect(bobClient.received.map((e) => [e.type, e.payload.callId])).toEqual([
      ['call:status-updated', 'bob-1'],
      ['call:status-updated', 'bob-marker'],
    ]);
    expect(aliceClient.received[0]!.payload).toEqual({
      callId: 'alice-1',
      campaignId: null,
      leadName: 'Ada Lovelace',
      phone: '+14155550100',
      status: 'RINGING',
      durationSeconds: null,
      at: expect.any(String),
    });
  });

  it("delivers each call's status events in the order they were published", async () => {
    const { url } = await startReplica();
    const carol = randomUUID();
    const client = await connectAs(url, carol);
    const statuses = ['DIALING', 'RINGING', 'ANSWERED', 'COMPLETED'] as const;
    const calls = Array.from({ length: 25 }, (_, i) => `call-${i}`);
    // Interleaved across calls, as a busy campaign's callbacks are; sent without waiting between them.
    const sent: Promise<void>[] = [];
    for (const status of statuses) {
      for (const callId of calls) {
        const message = callStatusEvent(callId);
        if (message.type === EVENT_NAMES.callStatusUpdated) message.payload.status = status;
        sent.push(publish(carol, message));
      }
    }
    await Promise.all(sent);
    await waitFor(() => client.received.length === calls.length * statuses.length, { what: 'every event', timeoutMs: 10_000 });
    for (const callId of calls) {
      const order = client.received.filter((e) => e.payload.callId === callId).map((e) => e.payload.status);
      expect(order).toEqual([...statuses]);
    }
  });

  it('refuses a socket whose token is forged, signed with another secret, or missing', async () => {
    const { url } = await startReplica();
    const forged = signAuthToken({ userId: randomUUID(), email: 'mallory@example.com' }, 'not-the-gateway-secret');
    expect(await refusal(url, forged)).toBe('unauthorized');
    expect(await refusal(url, 'not-a-jwt')).toBe('unauthorized');
    expect(await refusal(url, undefined)).toBe('unauthorized');
  });

  it('refuses a correctly signed token that carries no exp', async () => {
    const { url } = await startReplica();
    const forever = jwt.sign({ email: 'eve@example.com' }, JWT_SECRET, { subject: randomUUID(), issuer: 'dialwave', algorithm: 'HS256' });
    expect(await refusal(url, forever)).toBe('unauthorized');
  });

  it('drops a socket when its token expires, telling it why, and keeps the sockets whose tokens are still valid', async () => {
    const { url } = await startReplica();
    const frank = randomUUID();
    // exp has whole-second precision: 2 s leaves at least 1 s for the handshake.
    const shortLived = await connectAs(url, frank, 2);
    const longLived = await connectAs(url, frank);
    const expiresAt = (jwt.decode(tokenFor(frank, 2)) as { exp: number }).exp * 1000;
    let disconnect: { reason: string; at: number } | undefined;
    shortLived.socket.on('disconnect', (reason) => {
      disconnect = { reason, at: Date.now() };
    });

    await waitFor(() => disconnect, { what: 'the short-lived socket to be dropped', timeoutMs: 10_000 });
    expect(disconnect!.reason).toBe('io server disconnect');
    // Not before the token's own expiry (give or take the second the two tokens' exp may differ by).
    expect(disconnect!.at).toBeGreaterThanOrEqual(expiresAt - 1000);
    expect(shortLived.received).toEqual([{ type: 'session:expired', payload: { reason: 'token-expired', at: expect.any(String) } }]);

    expect(longLived.socket.connected).toBe(true);
    await publish(frank, callStatusEvent('frank-after-expiry'));
    await waitFor(() => longLived.received.some((e) => e.payload.callId === 'frank-after-expiry'), {
      what: 'the long-lived socket to keep receiving',
    });
  });

  it('lets every replica deliver to its own sockets, so a user on two replicas gets each event once per socket', async () => {
    const [first, second] = [await startReplica(), await startReplica()];
    const carol = randomUUID();
    const onFirst = await connectAs(first.url, carol);
    const onSecond = await connectAs(second.url, carol);

    await publish(carol, callStatusEvent('carol-1'));
    await publish(carol, callStatusEvent('carol-marker'));
    await waitFor(() => onFirst.received.some((e) => e.payload.callId === 'carol-marker'), { what: 'marker on the first replica' });
    await waitFor(() => onSecond.received.some((e) => e.payload.callId === 'carol-marker'), { what: 'marker on the second replica' });
    expect(onFirst.received.map((e) => e.payload.callId)).toEqual(['carol-1', 'carol-marker']);
    expect(onSecond.received.map((e) => e.payload.callId)).toEqual(['carol-1', 'carol-marker']);
  });

  it('refuses the long-polling transport, so replicas behind a load balancer need no sticky sessions', async () => {
    const replica = await startReplica();
    const polling = await request(replica.gateway.httpServer).get('/socket.io/?EIO=4&transport=polling');
    expect(polling.status).toBe(400);
    expect(polling.body).toEqual({ code: 0, message: 'Transport unknown' });
    await connectAs(replica.url, randomUUID());
  });

  it('drops events of an unknown type, and reports sockets and forwarded events on /metrics', async () => {
    const replica = await startReplica();
    const dave = randomUUID();
    const client = await connectAs(replica.url, dave);
    // Malformed JSON is covered by the unit test: other suites' subscribers share these channels.
    await publisher.publish(userEventsChannel(dave), JSON.stringify({ type: 'admin:root', payload: {} }));
    await publish(dave, callStatusEvent('dave-marker'));
    await waitFor(() => client.received.some((e) => e.payload.callId === 'dave-marker'), { what: "dave's marker" });
    expect(client.received.map((e) => e.type)).toEqual(['call:status-updated']);

    const metrics = await request(replica.gateway.httpServer).get('/metrics');
    expect(metrics.text).toMatch(/realtime_connected_sockets\{[^}]*\} 1\b/);
    // Every replica forwards every user's events (suites running beside this one publish too), so these
    // counters are at least what this test sent.
    expect(metrics.text).toMatch(/realtime_events_forwarded_total\{type="call:status-updated"[^}]*\} [1-9]\d*\n/);
    expect(metrics.text).toMatch(/realtime_events_dropped_total\{reason="unknown-type"[^}]*\} [1-9]\d*\n/);
    expect(metrics.text).toMatch(/realtime_event_forward_latency_seconds_count\{[^}]*type="call:status-updated"[^}]*\} [1-9]\d*\n/);

    const ready = await request(replica.gateway.httpServer).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });
});
