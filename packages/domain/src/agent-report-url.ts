import { AGENT_REPORT_PATH } from '@dialwave/contracts';
import { signCallToken } from '@dialwave/platform';

/**
 * The per-call URL a voice runtime posts its end-of-call report to. The token is an HMAC of the call id
 * under AGENT_REPORT_SECRET, so the URL is good for this one call only (the SansPBX callback pattern).
 */
export function agentReportUrl(publicWebhookUrl: string, reportSecret: string, callId: string): string {
  const query = new URLSearchParams({ callId, token: signCallToken(reportSecret, callId) });
  return `${publicWebhookUrl.replace(/\/+$/, '')}${AGENT_REPORT_PATH}?${query.toString()}`;
}
