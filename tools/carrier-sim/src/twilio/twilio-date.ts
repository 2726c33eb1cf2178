/** Twilio's REST resources and callback `Timestamp` use RFC 2822 dates: `Wed, 25 Nov 2026 11:29:35 +0000`. */
export function toRfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}
