import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { io as connectClient, type Socket } from 'socket.io-client';
import { EVENT_NAMES, type ServerToClientEvents, type TCallStatusEvent } from '@dialwave/contracts';
import { RedisEventPublisher } from '@dialwave/infra';
import { createLogger, signAuthToken } from '@dialwave/platform';
import { createRedis, waitForRedis } from '@dialwave/platform/redis';
import { inSpan, SpanKind, startTestTelemetry, type Telemetry } from '@dialwave/telemetry';
import { testRedisUrl, waitFor } from '@dialwave/testkit';
import { createGateway, type Gateway } from '../app';

const JWT_SECRET = 'traced-emit-test-secret';
const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;
let gateway: Gateway;
let subscriber: ReturnType<typeof createRedis>;
let publisher: ReturnType<typeof createRedis>;
let socket: Socket<ServerToClientEvents> | undefined;

beforeAll(async () => {
  telemetry = startTestTelemetry(exporter);
  subscriber = createRedis(testRedisUrl(), 'worker');
  publisher = createRedis(testRedisUrl(), 'producer');
  await Promise.all([waitForRedis(subscriber), waitForRedis(publisher)]);
  gateway = createGateway({ subscriber, logger: createLogger('gateway-test', 'silent'), config: { jwtSecret: JWT_SECRET } });
  await gateway.start();
  await new Promise<void>((resolve) => gateway.httpServer.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  socket?.disconnect();
  await gateway.close();
  await subscriber.quit();
  await publisher.quit();
  await telemetry.shutdown();
});

describe('a traced event', () => {
  it('is emitted by the gateway in a child span of the span that published it, across Redis pub/sub', async () => {
    const userId = randomUUID();
    const { port } = gateway.httpServer.address() as AddressInfo;
    socket = connectClient(`http://127.0.0.1:${port}`, {
      auth: { token: signAuthToken({ userId, email: `${userId}@example.com` }, JWT_SECRET) },
      transports: ['websocket'],
      reconnection: false,
    });
    const received: TCallStatusEvent[] = [];
    socket.on(EVENT_NAMES.callStatusUpdated, (event) => received.push(event));
    await waitFor(() => socket?.connected, { what: 'the socket to connect' });

    const payload: TCallStatusEvent = {
      callId: 'call-1',
      campaignId: null,
      leadName: 'Ada Lovelace',
      phone: '+14155550100',
      status: 'COMPLETED',
      durationSeconds: 4,
      at: new Date().toISOString(),
    };
    const events = new RedisEventPublisher(publisher);
    await inSpan('call-status.apply', { kind: SpanKind.CONSUMER }, () =>
      events.publish(userId, { type: EVENT_NAMES.callStatusUpdated, payload }),
    );
    await waitFor(() => received.length === 1, { what: 'the event on the socket' });

    const emit = await waitFor(
      () => exporter.getFinishedSpans().find((span) => span.name === `socket.io emit ${EVENT_NAMES.callStatusUpdated}`),
      {
        what: 'the emit span',
      },
    );
    const apply = exporter.getFinishedSpans().find((span) => span.name === 'call-status.apply')!;
    expect(emit.spanContext().traceId).toBe(apply.spanContext().traceId);
    expect(emit.parentSpanContext?.spanId).toBe(apply.spanContext().spanId);
    // The console gets the payload only; the trace context stays between our services.
    expect(received).toEqual([payload]);
  });
});
