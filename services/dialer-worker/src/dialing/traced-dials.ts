import type { TVoipProvider } from '@dialwave/contracts';
import type { CallProvider, CallProviderRegistry, DialRequest, DialResult } from '@dialwave/providers';
import { inSpan, SpanKind, traceContextOf, tracingEnabled, type CallTraceStore } from '@dialwave/telemetry';

/**
 * With tracing on, each dial runs in a `carrier.dial` span (the HTTP instrumentation puts its traceparent on
 * the request to the carrier), and the span's context is stored under the call id before the request goes
 * out: the carrier's callbacks carry only our call id, and may outrun the dial response. Without tracing,
 * the registry as it is.
 */
export function traceDials(registry: CallProviderRegistry, traces: CallTraceStore): CallProviderRegistry {
  if (!tracingEnabled()) return registry;
  const wrapped = new Map<TVoipProvider, CallProvider>();
  return {
    forProvider(provider: TVoipProvider): CallProvider {
      let traced = wrapped.get(provider);
      if (!traced) {
        traced = new TracedCallProvider(registry.forProvider(provider), provider, traces);
        wrapped.set(provider, traced);
      }
      return traced;
    },
  };
}

class TracedCallProvider implements CallProvider {
  constructor(
    private readonly inner: CallProvider,
    private readonly provider: TVoipProvider,
    private readonly traces: CallTraceStore,
  ) {}

  dial(req: DialRequest): Promise<DialResult> {
    const attributes = { 'dialwave.call_id': req.callId, 'dialwave.provider': this.provider };
    return inSpan('carrier.dial', { kind: SpanKind.INTERNAL, attributes }, async (span) => {
      const trace = traceContextOf();
      if (trace) await this.traces.remember(req.callId, trace);
      const result = await this.inner.dial(req);
      span.setAttribute('dialwave.provider_call_sid', result.providerCallSid);
      return result;
    });
  }

  fetchStatus(...args: Parameters<CallProvider['fetchStatus']>) {
    return this.inner.fetchStatus(...args);
  }

  hangUp(...args: Parameters<CallProvider['hangUp']>) {
    return this.inner.hangUp(...args);
  }

  connectToAgent(...args: Parameters<CallProvider['connectToAgent']>) {
    return this.inner.connectToAgent(...args);
  }

  startRecording(...args: Parameters<CallProvider['startRecording']>) {
    return this.inner.startRecording(...args);
  }

  findPlacedCall(...args: Parameters<CallProvider['findPlacedCall']>) {
    return this.inner.findPlacedCall(...args);
  }
}
