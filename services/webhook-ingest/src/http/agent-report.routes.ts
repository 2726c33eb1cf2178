import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { AGENT_REPORT_MAX_BYTES, AGENT_REPORT_PATH, ZAgentReportSchema } from '@dialwave/contracts';
import { AppError, parseOrThrow } from '@dialwave/platform';
import { storeCallReport, type StoreCallReportDeps } from '../reports/store-call-report';
import { verifyCallTokenQuery } from './call-token-query';
import type { IngestMetrics } from './ingest-metrics';
import { queryString } from './twilio-signature';

export interface AgentReportRouteDeps extends StoreCallReportDeps {
  metrics: IngestMetrics;
  /** AGENT_REPORT_SECRET: keys the per-call tokens of report URLs. */
  reportSecret: string;
}

/**
 * `POST /agent/report?callId=<id>&token=<hmac>`: the voice runtime's end-of-call report, at the URL it was
 * given with the call (a `<Parameter>` of the Twilio stream). Checked in this order: the token (403), the
 * body's type (415) and size (413), its shape (400 naming the field), the call (404).
 */
export function agentReportRoutes(deps: AgentReportRouteDeps): Router {
  const router = Router();
  router.post(
    AGENT_REPORT_PATH,
    verifyCallTokenQuery({
      secret: deps.reportSecret,
      onForged: (req, reason) => {
        deps.metrics.webhookReceived('agent', 'report', 'forged');
        deps.logger.warn({ callId: req.query.callId, ip: req.ip, reason }, 'refused an agent report without the right token');
      },
    }),
    requireJson,
    express.json({ limit: AGENT_REPORT_MAX_BYTES }),
    async (req, res) => {
      const callId = queryString(req, 'callId')!;
      let report;
      try {
        report = parseOrThrow(ZAgentReportSchema, req.body);
      } catch (err) {
        deps.metrics.webhookReceived('agent', 'report', 'invalid');
        deps.logger.warn({ callId, err }, 'invalid agent report');
        throw err;
      }
      const stored = await storeCallReport(deps, callId, report);
      if (!stored) {
        deps.metrics.webhookReceived('agent', 'report', 'unknown');
        throw AppError.notFound('Call');
      }
      deps.metrics.webhookReceived('agent', 'report', stored.outcome === 'stored' ? 'applied' : 'replaced');
      res.json(stored);
    },
  );
  return router;
}

function requireJson(req: Request, _res: Response, next: NextFunction) {
  if (req.is('application/json')) next();
  else next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'An agent report is a JSON body (Content-Type: application/json)'));
}
