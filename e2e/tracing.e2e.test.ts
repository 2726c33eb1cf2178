import { io, type Socket } from 'socket.io-client';
import { EVENT_NAMES, type TCallStatusEvent } from '@dialwave/contracts';
import { waitFor } from '@dialwave/testkit';
import { outcomePhone } from './helpers/carrier-outcomes';
import { DEADLINES } from './helpers/deadlines';
import { formatTraceTree, OtlpReceiver, type ReceivedSpan } from './helpers/otlp-receiver';
import { startOutboundSuite, type OutboundSuite } from './helpers/outbound-suite';
import { importLeads, signUpCaller, waitForCampaignStatus } from './helpers/outbound-scenario';

/** Answered by a person, 4 nominal seconds (the simulator's table). */
const PHONE = outcomePhone(0, '20');

describe('tracing', () => {
  const receiver = new OtlpReceiver();
  let suite: OutboundSuite;

  beforeAll(async () => {
    const endpoint = await receiver.start();
    suite = await startOutboundSuite({
      services: ['carrier-sim', 'webhook-ingest', 'campaign-api', 'realtime-gateway', 'dialer-worker'],
      env: {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        // Export within a fraction of a second, so the test waits for spans briefly.
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      // The simulator stands in for Twilio, which sends no trace context: it is not traced.
      serviceEnv: { 'carrier-sim': { OTEL_TRACES_EXPORTER: 'none' } },
    });
  }, DEADLINES.suiteStartMs);

  afterAll(async () => {
    await suite?.stop();
    await receiver.stop();
  }, DEADLINES.stopMs);

  it(
    'follows one call from the API request through the dial job, the carrier request and its callbacks to the gateway emit in one trace',
    () =>
      suite.withLogsOnFailure(async () => {
        const { api, agentId } = await signUpCaller(suite.stack.apiUrl);
        const leadIds = await importLeads(api, [PHONE]);
        const statuses: TCallStatusEvent[] = [];
        const socket: Socket = io(suite.stack.gatewayUrl, { auth: { token: api.authToken }, transports: ['websocket'] });
        socket.on(EVENT_NAMES.callStatusUpdated, (event) => statuses.push(event));
        try {
          await waitFor(() => socket.connected, { what: 'the console socket to connect' });
          const started = await api.createCampaign({
            agentId,
            campaignName: 'Traced',
            leadIds: [leadIds.get(PHONE)!],
            maxConcurrentCalls: 1,
          });
          await waitForCampaignStatus(api, started.campaignId, 'COMPLETED');
          await waitFor(() => statuses.some((event) => event.status === 'COMPLETED'), { what: 'the console to see the call completed' });
        } finally {
          socket.close();
        }
        const callId = statuses[0]!.callId;

        // The request that started the campaign roots the trace.
        const request = await waitFor(
          () =>
            receiver.spans.find(
              (span) => span.service === 'campaign-api' && span.kind === 'SERVER' && span.attributes['http.route'] === '/api/campaigns',
            ),
          { what: 'the campaign request span' },
        );
        // Spans arrive as each service exports them (a span when it ends: the dial job's when the call is
        // over): wait until the gateway's emit of the call's end leads, parent by parent, back to the request.
        const pathOf = (spans: readonly ReceivedSpan[], last: ReceivedSpan): ReceivedSpan[] => {
          const byId = new Map(spans.map((span) => [span.spanId, span]));
          const path: ReceivedSpan[] = [];
          for (let span: ReceivedSpan | undefined = last; span; span = span.parentSpanId ? byId.get(span.parentSpanId) : undefined)
            path.unshift(span);
          return path;
        };
        const path = await waitFor(
          () => {
            const spans = receiver.trace(request.traceId);
            const applied = spans.filter((s) => s.name === 'call-status.apply' && s.attributes['dialwave.call_status'] === 'COMPLETED');
            const emit = spans.find(
              (s) => s.name === `socket.io emit ${EVENT_NAMES.callStatusUpdated}` && applied.some((a) => a.spanId === s.parentSpanId),
            );
            const found = emit && pathOf(spans, emit);
            return found?.[0]?.spanId === request.spanId ? found : undefined;
          },
          { what: 'a path of spans from the gateway emit of the completed call back to the campaign request' },
        ).catch((err: unknown) => {
          process.stdout.write(`\nspans of the request's trace so far:\n${formatTraceTree(receiver.trace(request.traceId))}\n`);
          throw err;
        });
        const spans = receiver.trace(request.traceId);
        const byId = new Map(spans.map((span) => [span.spanId, span]));
        process.stdout.write(`\none traced call (${spans.length} spans):\n${formatTraceTree(spans)}\n`);

        const milestones = [
          'addBulk dial',
          'process dial',
          'carrier.dial',
          'call-status.apply',
          `socket.io emit ${EVENT_NAMES.callStatusUpdated}`,
        ];
        expect(path.map((span) => span.name).filter((name) => milestones.includes(name))).toEqual(milestones);
        expect(path.map((span) => span.service).filter((service, i, all) => all[i - 1] !== service)).toEqual([
          'campaign-api',
          'dialer-worker',
          'webhook-ingest',
          'realtime-gateway',
        ]);
        expect(path.find((span) => span.name === 'carrier.dial')?.attributes['dialwave.call_id']).toBe(callId);

        // The dial request reached the carrier with the trace's context, sent by the dialer's HTTP client span.
        const dial = suite.tap.dials.find((d) => d.to === PHONE);
        const [, traceId, parentId] = dial?.traceparent?.split('-') ?? [];
        expect(traceId).toBe(request.traceId);
        const client = byId.get(parentId ?? '');
        expect(client).toMatchObject({ service: 'dialer-worker', kind: 'CLIENT' });
        expect(byId.get(client!.parentSpanId ?? '')?.name).toBe('carrier.dial');

        // Every status the console saw for the call was emitted inside this trace.
        const emitted = spans.filter(
          (s) => s.service === 'realtime-gateway' && s.name === `socket.io emit ${EVENT_NAMES.callStatusUpdated}`,
        );
        expect(emitted.length).toBeGreaterThanOrEqual(new Set(statuses.map((event) => event.status)).size);
        // Each callback applied in the call's trace links to the batch that applied it.
        const applies = spans.filter((s) => s.name === 'call-status.apply');
        expect(applies.every((s) => s.linkedTraceIds.length === 1 && s.linkedTraceIds[0] !== request.traceId)).toBe(true);
      }),
    DEADLINES.testMs,
  );
});
