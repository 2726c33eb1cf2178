import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { sendTwilioError, TwilioErrorCode } from './twilio-error';

/**
 * Twilio's REST authentication: HTTP Basic with the account SID and auth token. Bad or missing credentials
 * are 401 (20003); valid credentials used on another account's path are 404 (20404), as Twilio answers.
 */
export function twilioBasicAuth(accountSid: string, authToken: string): RequestHandler {
  const expected = Buffer.from(`${accountSid}:${authToken}`);
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const [scheme, encoded] = header.split(' ');
    const given = scheme?.toLowerCase() === 'basic' && encoded ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.set('WWW-Authenticate', 'Basic realm="Twilio API"');
      sendTwilioError(res, 401, TwilioErrorCode.authenticationFailed, 'Authenticate');
      return;
    }
    if (req.params.accountSid !== accountSid) {
      sendTwilioError(res, 404, TwilioErrorCode.notFound, `The requested resource ${req.path} was not found`);
      return;
    }
    next();
  };
}
