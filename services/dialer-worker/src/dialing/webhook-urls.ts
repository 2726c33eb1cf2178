import type { TVoipProvider } from '@dialwave/contracts';
import { signCallToken } from '@dialwave/platform';

export interface DialWebhookUrls {
  statusCallbackUrl: string;
  answerUrl?: string;
}

/** Our call id rides in the callback URLs, so a callback that arrives before the dial response still finds its call. */
export function twilioWebhookUrls(publicWebhookUrl: string, callId: string): { statusCallbackUrl: string; answerUrl: string } {
  const base = trimBase(publicWebhookUrl);
  const query = `callId=${encodeURIComponent(callId)}`;
  return { statusCallbackUrl: `${base}/twilio/status?${query}`, answerUrl: `${base}/twilio/voice?${query}` };
}

/**
 * SansPBX does not sign its callbacks: the URL carries our call id and a token valid for that call only
 * (HMAC of the id under SANSPBX_CALLBACK_SECRET), which webhook-ingest checks before it believes a word of
 * the payload. The secret itself never leaves the deployment, and a leaked URL speaks for one call.
 */
export function sansPbxWebhookUrls(publicWebhookUrl: string, callId: string, callbackSecret: string): DialWebhookUrls {
  const query = new URLSearchParams({ callId, token: signCallToken(callbackSecret, callId) });
  return { statusCallbackUrl: `${trimBase(publicWebhookUrl)}/sanspbx/status?${query.toString()}` };
}

export interface WebhookUrlSettings {
  publicWebhookUrl: string;
  sansPbxCallbackSecret: string;
}

/** The callback URLs of a dial, in the dialect of the agent's carrier. */
export function webhookUrlsFor(provider: TVoipProvider, settings: WebhookUrlSettings, callId: string): DialWebhookUrls {
  if (provider === 'SANSPBX') return sansPbxWebhookUrls(settings.publicWebhookUrl, callId, settings.sansPbxCallbackSecret);
  return twilioWebhookUrls(settings.publicWebhookUrl, callId);
}

function trimBase(publicWebhookUrl: string): string {
  return publicWebhookUrl.replace(/\/+$/, '');
}
