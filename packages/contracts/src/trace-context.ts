import { z } from 'zod';

/**
 * W3C trace context (https://www.w3.org/TR/trace-context/) where no HTTP header can carry it: a live event
 * on Redis pub/sub, the trace a call was dialed in. Present only when the sender was tracing.
 */
export const ZTraceContextSchema = z.object({
  traceparent: z.string(),
  tracestate: z.string().optional(),
});
export type TTraceContext = z.infer<typeof ZTraceContextSchema>;
