import type { TVoipProvider } from '@dialwave/contracts';
import type { Agent } from '@dialwave/db';
import { agentReportUrl } from '@dialwave/domain';
import type { VoiceRuntimeTarget } from '@dialwave/providers';

export interface VoiceRuntimeSettings {
  publicWebhookUrl: string;
  /** AGENT_REPORT_SECRET: keys the report URL's per-call token (webhook-ingest checks it). */
  agentReportSecret: string;
}

/**
 * Where a carrier without TwiML streams an answered call: the agent's voice runtime, with the same four
 * parameters Twilio's `<Connect><Stream>` passes (callId, leadName, greeting, reportUrl). Twilio calls get
 * them from /twilio/voice at answer time instead, so only SansPBX needs them at dial time.
 */
export function voiceRuntimeTargetFor(
  provider: TVoipProvider,
  agent: Pick<Agent, 'voiceRuntimeUrl' | 'greeting'>,
  call: { id: string; leadName: string },
  settings: VoiceRuntimeSettings,
): VoiceRuntimeTarget | undefined {
  if (provider !== 'SANSPBX' || !agent.voiceRuntimeUrl) return undefined;
  return {
    url: agent.voiceRuntimeUrl,
    parameters: {
      callId: call.id,
      leadName: call.leadName,
      greeting: agent.greeting,
      reportUrl: agentReportUrl(settings.publicWebhookUrl, settings.agentReportSecret, call.id),
    },
  };
}
