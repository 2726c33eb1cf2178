import type { Response } from 'express';

/**
 * Twilio's legacy error body. Exactly these four fields: the SDK treats a body that also has `type`/`title`
 * as an RFC 9457 problem and throws a different exception class.
 */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export function twilioErrorBody(status: number, code: number, message: string): TwilioErrorBody {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

export function sendTwilioError(res: Response, status: number, code: number, message: string): void {
  res.status(status).json(twilioErrorBody(status, code, message));
}

export const TwilioErrorCode = {
  authenticationFailed: 20003,
  notFound: 20404,
  invalidParameter: 20001,
  toMissing: 21201,
  urlMissing: 21205,
  invalidTo: 21211,
  fromMissing: 21213,
  callNotInProgress: 21220,
} as const;
