import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import twilio from 'twilio';
import { AppError } from '@dialwave/platform';

export interface TwilioSignatureOptions {
  authToken: string;
  /** PUBLIC_WEBHOOK_URL without a trailing slash. */
  publicWebhookUrl: string;
  onForged(req: Request): void;
}

/**
 * Refuses a request whose `X-Twilio-Signature` does not verify. Twilio signs the URL it requested, which
 * behind a proxy or tunnel is not the URL this process sees, so the signed URL is rebuilt from
 * PUBLIC_WEBHOOK_URL + the path and query exactly as received (originalUrl keeps the query's encoding).
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
export function verifyTwilioSignature({ authToken, publicWebhookUrl, onForged }: TwilioSignatureOptions) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const signature = req.get('X-Twilio-Signature');
    const url = publicWebhookUrl + req.originalUrl;
    if (!signature || !signatureVerifies(authToken, signature, url, formParams(req))) {
      onForged(req);
      next(new AppError('FORBIDDEN', signature ? 'X-Twilio-Signature does not verify' : 'X-Twilio-Signature is missing'));
      return;
    }
    next();
  };
}

/**
 * The exact URL we rebuilt is what Twilio signs, so one HMAC settles nearly every request; the SDK's
 * validateRequest (port added or removed, URL normalised: several URL parses and HMACs) is the fallback,
 * so the set of accepted signatures is unchanged.
 */
function signatureVerifies(authToken: string, signature: string, url: string, params: Record<string, unknown>): boolean {
  const expected = Buffer.from(twilio.getExpectedTwilioSignature(authToken, url, params));
  const received = Buffer.from(signature);
  if (expected.length === received.length && timingSafeEqual(expected, received)) return true;
  return twilio.validateRequest(authToken, signature, url, params);
}

/** The parsed form body as a plain object (body-parser may give a null-prototype object, or none). */
export function formParams(req: Request): Record<string, unknown> {
  return typeof req.body === 'object' && req.body !== null ? { ...(req.body as Record<string, unknown>) } : {};
}

export function queryString(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
