import { Router } from 'express';
import { ZTwilioIncomingCallSchema } from '@dialwave/contracts';
import { receiveInboundCall, type CallStatusDeps } from '@dialwave/domain';
import { parseOrThrow } from '@dialwave/platform';
import { inboundQueueName, inboundWaitTwiml, numberNotInServiceTwiml } from '../twilio/voice-twiml';
import type { IngestMetrics } from './ingest-metrics';
import { formParams } from './twilio-signature';

export interface TwilioIncomingRouteDeps extends CallStatusDeps {
  metrics: IngestMetrics;
}

/**
 * `POST /twilio/incoming` (signature verified before this runs): a caller dialled one of our numbers.
 * The call is stored and announced to its owner's consoles, then the caller is greeted and waits in a
 * queue until an agent accepts (campaign-api redirects the call) or rejects (hangs it up).
 */
export function twilioIncomingRoutes(deps: TwilioIncomingRouteDeps): Router {
  const router = Router();
  router.post('/twilio/incoming', async (req, res) => {
    const raw = formParams(req);
    const params = parseOrThrow(ZTwilioIncomingCallSchema, raw);
    const result = await receiveInboundCall(deps, {
      providerCallSid: params.CallSid,
      from: params.From,
      to: params.To,
      provider: 'TWILIO',
      callerName: params.CallerName,
      raw,
    });
    res.type('text/xml');
    if (result.outcome === 'no-agent') {
      deps.metrics.webhookReceived('twilio', 'incoming', 'unknown');
      res.send(numberNotInServiceTwiml());
      return;
    }
    deps.metrics.webhookReceived('twilio', 'incoming', result.outcome === 'received' ? 'applied' : 'duplicate');
    res.send(inboundWaitTwiml(result.agent.greeting, inboundQueueName(result.agent.id)));
  });
  return router;
}
