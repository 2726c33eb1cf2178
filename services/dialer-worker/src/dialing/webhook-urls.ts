/** Our call id rides in the callback URLs, so a callback that arrives before the dial response still finds its call. */
export function twilioWebhookUrls(publicWebhookUrl: string, callId: string): { statusCallbackUrl: string; answerUrl: string } {
  const base = publicWebhookUrl.replace(/\/+$/, '');
  const query = `callId=${encodeURIComponent(callId)}`;
  return { statusCallbackUrl: `${base}/twilio/status?${query}`, answerUrl: `${base}/twilio/voice?${query}` };
}
