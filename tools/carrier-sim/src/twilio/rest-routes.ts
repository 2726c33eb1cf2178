import express, { Router } from 'express';
import type { CallRunner } from '../calls/call-runner';
import { planOutcome } from '../calls/outcome-plan';
import { twilioBasicAuth } from './basic-auth';
import { API_VERSION, toCallResource } from './call-resource';
import { firstValue, parseCreateCallRequest, type FormBody } from './create-call-request';
import { sendTwilioError, TwilioErrorCode } from './twilio-error';

export interface RestRoutesDeps {
  accountSid: string;
  authToken: string;
  runner: CallRunner;
}

/** The subset of Twilio's Calls API our provider code uses, so the official SDK runs unchanged against it. */
export function twilioRestRoutes({ accountSid, authToken, runner }: RestRoutesDeps): Router {
  const router = Router();
  const calls = `/${API_VERSION}/Accounts/:accountSid/Calls`;
  const auth = twilioBasicAuth(accountSid, authToken);
  const form = express.urlencoded({ extended: false });

  router.post(`${calls}.json`, auth, form, (req, res) => {
    const parsed = parseCreateCallRequest((req.body ?? {}) as FormBody);
    if (!parsed.ok) {
      sendTwilioError(res, 400, parsed.code, parsed.message);
      return;
    }
    const { request } = parsed;
    const plan = planOutcome(request.to);
    if (plan.kind === 'refused') {
      sendTwilioError(res, 400, TwilioErrorCode.invalidTo, `The 'To' number ${request.to} is not a valid phone number.`);
      return;
    }
    const call = runner.create({ ...request, accountSid, plan });
    res.status(201).json(toCallResource(call));
  });

  // Read https://www.twilio.com/docs/voice/api/call-resource#read-multiple-call-resources: To/From filters,
  // newest first, one page (the simulator keeps few calls).
  router.get(`${calls}.json`, auth, (req, res) => {
    const query = req.query as Record<string, string | undefined>;
    const pageSize = Math.min(Number(query.PageSize ?? 50) || 50, 1000);
    const found = runner.list({ to: query.To, from: query.From }).slice(0, pageSize).map(toCallResource);
    const uri = `/${API_VERSION}/Accounts/${accountSid}/Calls.json?PageSize=${pageSize}&Page=0`;
    res.json({
      calls: found,
      end: Math.max(found.length - 1, 0),
      first_page_uri: uri,
      next_page_uri: null,
      page: 0,
      page_size: pageSize,
      previous_page_uri: null,
      start: 0,
      uri,
    });
  });

  router.get(`${calls}/:callSid.json`, auth, (req, res) => {
    const call = runner.get(String(req.params.callSid));
    if (!call) {
      sendTwilioError(res, 404, TwilioErrorCode.notFound, `The requested resource ${req.path} was not found`);
      return;
    }
    res.json(toCallResource(call));
  });

  router.post(`${calls}/:callSid.json`, auth, form, (req, res) => {
    const sid = String(req.params.callSid);
    const body = (req.body ?? {}) as FormBody;
    const status = firstValue(body, 'Status');
    const twiml = firstValue(body, 'Twiml');
    const redirectUrl = firstValue(body, 'Url');
    if (status === undefined && (twiml !== undefined || redirectUrl !== undefined)) {
      const redirected = runner.redirect(sid, { twiml, url: redirectUrl });
      if (redirected.ok) {
        res.json(toCallResource(redirected.call));
      } else if (redirected.reason === 'not-found') {
        sendTwilioError(res, 404, TwilioErrorCode.notFound, `The requested resource ${req.path} was not found`);
      } else {
        sendTwilioError(res, 400, TwilioErrorCode.callNotInProgress, 'Call is not in-progress. Cannot redirect.');
      }
      return;
    }
    if (status !== 'completed' && status !== 'canceled') {
      sendTwilioError(res, 400, TwilioErrorCode.invalidParameter, 'Status must be completed or canceled, or Twiml or Url given');
      return;
    }
    const result = runner.hangUp(sid, status);
    if (result.ok) {
      res.json(toCallResource(result.call));
      return;
    }
    if (result.reason === 'not-found') {
      sendTwilioError(res, 404, TwilioErrorCode.notFound, `The requested resource ${req.path} was not found`);
      return;
    }
    if (result.reason === 'already-answered') {
      // Twilio accepts `canceled` on an answered call and leaves it running.
      res.json(toCallResource(result.call));
      return;
    }
    sendTwilioError(res, 400, TwilioErrorCode.callNotInProgress, 'Call is not in-progress. Cannot redirect.');
  });

  return router;
}
