import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEV_CREDENTIALS, type Stack } from '@dialwave/launcher';
import { exitedServices, pollUntil, type BenchContext } from '../harness';
import { cpuSeconds } from '../probes/process-stats';
import type { BenchReport } from '../report/result';
import { percentile, round } from '../report/stats';
import { saveStackLogs } from '../report/stack-logs';
import { connectConsoleSockets } from './console-sockets';
import { DeliveryLedger, type DeliverySummary } from './delivery-ledger';
import { insertConsoleUsers, seedLatencyCallbacks, type LatencyCallback } from './latency-callbacks';
import { sendPaced, type PacedSendResult } from './paced-sender';

const PER_SECOND = 500;
const CALLBACKS = 5000;
const WARMUP_CALLBACKS = 500;
const SOCKETS = 50;
const MAX_SECONDS = 30;
/** After the last send, how long events may still arrive before the missing ones count as lost. */
const DRAIN_TIMEOUT_MS = 5000;
const TARGET_P99_MS = 30;

/** The measured layout and a worst-case one: the same 50 sockets as 5 users × 10 consoles, and as 1 × 50. */
const LAYOUTS = [
  { label: '5x10', users: 5, socketsPerUser: 10 },
  { label: '1x50', users: 1, socketsPerUser: 50 },
] as const;

interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface LayoutRun {
  label: string;
  users: number;
  socketsPerUser: number;
  send: Omit<PacedSendResult, 'sendLagMs' | 'responseMs'> & { callbacksPerSecond: number; sendLag: Distribution; response: Distribution };
  delivery: Omit<DeliverySummary, 'firstSocketMs' | 'slowestSocketMs'> & { firstSocket: Distribution; slowestSocket: Distribution };
  disconnects: number;
  clientEventLoopDelayP99Ms: number;
  cpu: { ingestS: number; gatewayS: number; clientS: number; windowS: number };
}

function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50), 2),
    p95: round(percentile(sorted, 95), 2),
    p99: round(percentile(sorted, 99), 2),
    max: round(sorted[sorted.length - 1] ?? Number.NaN, 2),
  };
}

async function sendAndRecord(stack: Stack, callbacks: readonly LatencyCallback[], ledger: DeliveryLedger): Promise<PacedSendResult> {
  const send = await sendPaced(
    stack.ingestUrl,
    callbacks.map((c) => c.request),
    { perSecond: PER_SECOND, maxSeconds: MAX_SECONDS },
    (index, sentAt) => {
      const callback = callbacks[index]!;
      ledger.expect(callback.key, callback.ownerUserId, sentAt);
    },
  );
  await pollUntil(async () => (ledger.delivered() >= ledger.expectedDeliveries() ? true : undefined), {
    intervalMs: 20,
    timeoutMs: DRAIN_TIMEOUT_MS,
  });
  return send;
}

async function runLayout(context: BenchContext, stack: Stack, layout: (typeof LAYOUTS)[number], phoneOffset: number): Promise<LayoutRun> {
  const { db } = context;
  const signing = {
    publicWebhookUrl: stack.ingestUrl,
    accountSid: DEV_CREDENTIALS.TWILIO_ACCOUNT_SID,
    authToken: DEV_CREDENTIALS.TWILIO_AUTH_TOKEN,
    groupSize: 50,
  };
  const users = await insertConsoleUsers(db.prisma, layout.users, layout.label);
  const warmup = await seedLatencyCallbacks(db.prisma, users, WARMUP_CALLBACKS, phoneOffset, signing);
  const measured = await seedLatencyCallbacks(db.prisma, users, CALLBACKS, phoneOffset + 100_000, signing);
  await db.prisma.$executeRawUnsafe('ANALYZE');

  let ledger = new DeliveryLedger(layout.socketsPerUser);
  const sockets = await connectConsoleSockets(stack.gatewayUrl, users, layout.socketsPerUser, DEV_CREDENTIALS.JWT_SECRET, () => ledger);
  try {
    context.progress(`${layout.label}: ${sockets.count} sockets connected for ${users.length} user(s); warm-up ${warmup.length} callbacks`);
    await sendAndRecord(stack, warmup, ledger);
    ledger = new DeliveryLedger(layout.socketsPerUser);

    const ingestPid = stack.services.get('webhook-ingest')!.pid;
    const gatewayPid = stack.services.get('realtime-gateway')!.pid;
    const [ingestBefore, gatewayBefore] = await Promise.all([cpuSeconds(ingestPid), cpuSeconds(gatewayPid)]);
    const clientBefore = process.cpuUsage();
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const windowStart = Date.now();
    const send = await sendAndRecord(stack, measured, ledger);
    loopDelay.disable();
    const client = process.cpuUsage(clientBefore);
    const [ingestAfter, gatewayAfter] = await Promise.all([cpuSeconds(ingestPid), cpuSeconds(gatewayPid)]);
    const { firstSocketMs, slowestSocketMs, ...counts } = ledger.summary();
    const { sendLagMs, responseMs, ...sendCounts } = send;
    const run: LayoutRun = {
      label: layout.label,
      users: layout.users,
      socketsPerUser: layout.socketsPerUser,
      send: {
        ...sendCounts,
        callbacksPerSecond: round(send.sent / Math.max(send.sendWindowS, 0.001), 0),
        sendLag: distribution(sendLagMs),
        response: distribution(responseMs),
      },
      delivery: { ...counts, firstSocket: distribution(firstSocketMs), slowestSocket: distribution(slowestSocketMs) },
      disconnects: sockets.disconnects(),
      clientEventLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6, 2),
      cpu: {
        ingestS: round(ingestAfter - ingestBefore, 2),
        gatewayS: round(gatewayAfter - gatewayBefore, 2),
        clientS: round((client.user + client.system) / 1e6, 2),
        windowS: round((Date.now() - windowStart) / 1000, 2),
      },
    };
    context.progress(
      `${layout.label}: ${run.send.sent} callbacks at ${run.send.callbacksPerSecond}/s; first socket p50 ${run.delivery.firstSocket.p50} ms p99 ${run.delivery.firstSocket.p99} ms; slowest socket p99 ${run.delivery.slowestSocket.p99} ms; ${run.delivery.deliveries}/${run.delivery.expectedDeliveries} deliveries`,
    );
    return run;
  } finally {
    sockets.close();
  }
}

/**
 * Webhook received → `call:status-updated` on a connected console socket, end to end through the real
 * webhook-ingest (Postgres write, Redis publish) and realtime-gateway (pattern subscription, room emit),
 * at a steady open-loop 500 signed callbacks/s with 50 sockets connected.
 */
export async function runRealtimeLatency(context: BenchContext): Promise<BenchReport> {
  const stack: Stack = await context.startStack({ services: ['webhook-ingest', 'realtime-gateway'] });
  context.progress(`webhook-ingest at ${stack.ingestUrl}, realtime-gateway at ${stack.gatewayUrl}`);
  try {
    const runs: LayoutRun[] = [];
    for (const [i, layout] of LAYOUTS.entries()) runs.push(await runLayout(context, stack, layout, i * 1_000_000));
    const [main, oneUser] = runs as [LayoutRun, LayoutRun];

    const allDelivered = (run: LayoutRun) =>
      run.delivery.deliveries === run.delivery.expectedDeliveries && run.delivery.strays === 0 && run.delivery.duplicates === 0;
    const findings: string[] = [];
    for (const run of runs) {
      findings.push(
        `${run.label} (${run.users} user(s) × ${run.socketsPerUser} sockets): ${run.send.sent} callbacks in ${round(run.send.sendWindowS, 2)} s (${run.send.callbacksPerSecond}/s; send lag behind schedule p99 ${run.send.sendLag.p99} ms, max ${run.send.sendLag.max} ms), HTTP ${JSON.stringify(run.send.statusCodes)} errors ${run.send.errors}, response p50 ${run.send.response.p50} / p99 ${run.send.response.p99} ms. ` +
          `Event on the first socket p50 ${run.delivery.firstSocket.p50} / p95 ${run.delivery.firstSocket.p95} / p99 ${run.delivery.firstSocket.p99} / max ${run.delivery.firstSocket.max} ms; on the owner's slowest socket p50 ${run.delivery.slowestSocket.p50} / p95 ${run.delivery.slowestSocket.p95} / p99 ${run.delivery.slowestSocket.p99} / max ${run.delivery.slowestSocket.max} ms. ` +
          `Deliveries ${run.delivery.deliveries}/${run.delivery.expectedDeliveries} (callbacks reaching any socket ${run.delivery.reachedAnySocket}, every socket ${run.delivery.reachedEverySocket} of ${run.delivery.callbacks}), duplicates ${run.delivery.duplicates}, strays ${run.delivery.strays}, socket disconnects ${run.disconnects}. ` +
          `CPU over ${run.cpu.windowS} s: webhook-ingest ${run.cpu.ingestS} s, realtime-gateway ${run.cpu.gatewayS} s, bench client (sender + ${run.users * run.socketsPerUser} sockets) ${run.cpu.clientS} s on ${cpus().length} cores; client event-loop delay p99 ${run.clientEventLoopDelayP99Ms} ms (the client's own lag is inside every latency figure).`,
      );
    }
    for (const name of exitedServices(stack))
      findings.push(`${name} EXITED during the run (stack log: ${saveStackLogs('realtime-latency', stack)})`);

    return {
      name: 'realtime-latency',
      figures: {
        callbacks: main.send.sent,
        callbacksPerSecond: main.send.callbacksPerSecond,
        non2xx: main.send.non2xx + main.send.errors,
        firstSocketP50Ms: main.delivery.firstSocket.p50,
        firstSocketP95Ms: main.delivery.firstSocket.p95,
        firstSocketP99Ms: main.delivery.firstSocket.p99,
        firstSocketMaxMs: main.delivery.firstSocket.max,
        slowestSocketP50Ms: main.delivery.slowestSocket.p50,
        slowestSocketP95Ms: main.delivery.slowestSocket.p95,
        slowestSocketP99Ms: main.delivery.slowestSocket.p99,
        slowestSocketMaxMs: main.delivery.slowestSocket.max,
        deliveries: main.delivery.deliveries,
        expectedDeliveries: main.delivery.expectedDeliveries,
        httpResponseP99Ms: main.send.response.p99,
        oneUser50SocketsCallbacksPerSecond: oneUser.send.callbacksPerSecond,
        oneUser50SocketsFirstP99Ms: oneUser.delivery.firstSocket.p99,
        oneUser50SocketsSlowestP99Ms: oneUser.delivery.slowestSocket.p99,
        oneUser50SocketsDeliveries: oneUser.delivery.deliveries,
        oneUser50SocketsExpectedDeliveries: oneUser.delivery.expectedDeliveries,
      },
      targets: [
        {
          what: `webhook → first socket p99 (${main.label}, ${PER_SECOND}/s)`,
          target: `< ${TARGET_P99_MS} ms`,
          actual: `${main.delivery.firstSocket.p99} ms`,
          met: main.delivery.firstSocket.p99 < TARGET_P99_MS && allDelivered(main),
        },
        {
          what: `webhook → every socket p99 (${main.label}, ${PER_SECOND}/s)`,
          target: `< ${TARGET_P99_MS} ms`,
          actual: `${main.delivery.slowestSocket.p99} ms`,
          met: main.delivery.slowestSocket.p99 < TARGET_P99_MS && allDelivered(main),
        },
        {
          what: `webhook → every socket p99 (${oneUser.label}, ${PER_SECOND}/s)`,
          target: `< ${TARGET_P99_MS} ms`,
          actual: `${oneUser.delivery.slowestSocket.p99} ms`,
          met: oneUser.delivery.slowestSocket.p99 < TARGET_P99_MS && allDelivered(oneUser),
        },
        {
          what: `events delivered (${main.label})`,
          target: String(main.delivery.expectedDeliveries),
          actual: String(main.delivery.deliveries),
          met: allDelivered(main),
        },
      ],
      parameters: {
        perSecond: PER_SECOND,
        callbacks: CALLBACKS,
        warmupCallbacks: WARMUP_CALLBACKS,
        sockets: SOCKETS,
        layouts: LAYOUTS,
        drainTimeoutMs: DRAIN_TIMEOUT_MS,
        client:
          'open-loop node:http over keep-alive, pre-signed Twilio callbacks (ringing/in-progress/completed); socket.io-client websocket transport in the same process',
        latency: 'performance.now() just before the request is written → arrival of the call:status-updated matching callId + status',
        servicesLogLevel: 'info',
      },
      findings,
      details: { runs },
    };
  } catch (err) {
    saveStackLogs('realtime-latency', stack);
    throw err;
  }
}
