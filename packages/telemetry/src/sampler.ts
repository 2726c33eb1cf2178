import { SpanKind, type Context } from '@opentelemetry/api';
import { AlwaysOnSampler, ParentBasedSampler, SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace-base';

/**
 * Samples every trace except those an INTERNAL span would start: BullMQ's Queue and Worker trace their
 * housekeeping (`getNextJob`, stalled-job checks, `close`) as INTERNAL spans with no parent, a trace per
 * poll. Requests (SERVER), jobs (CONSUMER), enqueues (PRODUCER) and everything inside a trace are kept.
 */
class SkipBackgroundRoots implements Sampler {
  private readonly always = new AlwaysOnSampler();

  shouldSample(_context: Context, _traceId: string, _name: string, kind: SpanKind): SamplingResult {
    if (kind === SpanKind.INTERNAL) return { decision: SamplingDecision.NOT_RECORD };
    return this.always.shouldSample();
  }

  toString(): string {
    return 'SkipBackgroundRoots';
  }
}

export function skipBackgroundRootsSampler(): Sampler {
  return new ParentBasedSampler({ root: new SkipBackgroundRoots() });
}
