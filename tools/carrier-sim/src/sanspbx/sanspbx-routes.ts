import { timingSafeEqual } from 'node:crypto';
import express, { Router, type RequestHandler, type Response } from 'express';
import { AppError } from '@dialwave/platform';
import { z } from 'zod';
import { planOutcome } from '../calls/outcome-plan';
import type { SansPbxConfig } from '../sim-config';
import { formatIndiaTime } from './india-time';
import type { SansPbxCallRunner } from './sanspbx-call-runner';
import type { SansPbxTokenStore } from './token-store';

export interface SansPbxRoutesDeps {
  config: SansPbxConfig;
  tokens: SansPbxTokenStore;
  runner: SansPbxCallRunner;
}

const ZDialCallBodySchema = z.object({
  appid: z.union([z.number(), z.string().min(1)]).transform(String),
  call_to: z.union([z.string(), z.number()]).transform(String),
  caller_id: z.union([z.string().min(1), z.number()]).transform(String),
  status_callback: z.url(),
  custom_field: z.unknown().optional(),
});

/** SansPBX's national format: `0` and a 10-digit number. */
const CALL_TO = /^0\d{10}$/;

/**
 * The SansPBX dialect of shared/providers/SANSPBX.md under `/sanspbx`: token exchange, dial, disconnect.
 * SansPBX reports errors as HTTP 200 with `status` other than `success`, except bad credentials (401).
 */
export function sansPbxRoutes({ config, tokens, runner }: SansPbxRoutesDeps): Router {
  const router = Router();
  const json = express.json();
  let dials = 0;

  router.post('/sanspbx/gentoken', json, (req, res) => {
    const body = (req.body ?? {}) as { access_key?: unknown };
    const accessKey = typeof body.access_key === 'string' ? body.access_key : '';
    if (!sameSecret(req.get('accesstoken') ?? '', config.accessToken) || !sameSecret(accessKey, config.accessKey)) {
      res.status(401).json({ status: 'failed', msg: 'Invalid access token or access key' });
      return;
    }
    const issued = tokens.issue();
    res.json({ status: 'success', Apitoken: issued.token, expiry_time: formatIndiaTime(issued.expiresAt) });
  });

  const apiToken: RequestHandler = (req, res, next) => {
    if (!tokens.isValid(req.get('apitoken'))) {
      res.status(401).json({ status: 'failed', msg: 'Invalid or expired Apitoken' });
      return;
    }
    next();
  };

  router.post('/sanspbx/dialcall', apiToken, json, (req, res) => {
    dials++;
    const parsed = ZDialCallBodySchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') ?? 'body';
      fail(res, `${field} is missing or invalid`);
      return;
    }
    const body = parsed.data;
    const plan = planOutcome(body.call_to);
    if (!CALL_TO.test(body.call_to) || plan.kind === 'refused') {
      fail(res, 'Invalid number');
      return;
    }
    const call = runner.dial({
      appid: body.appid,
      callTo: body.call_to,
      callerId: body.caller_id,
      statusCallback: body.status_callback,
      customField: body.custom_field,
      plan,
      simUrl: `${req.protocol}://${req.get('host')}`,
    });
    res.json({ status: 'success', msg: { callid: call.callid } });
  });

  router.post('/sanspbx/calldisconnect', apiToken, json, (req, res) => {
    const callid = (req.body as { callid?: unknown } | undefined)?.callid;
    if (typeof callid !== 'string' || callid === '') {
      fail(res, 'callid is missing or invalid');
      return;
    }
    const result = runner.disconnect(callid);
    if (result === 'not-found') fail(res, 'Invalid callid');
    else if (result === 'not-live') fail(res, 'Call is not active');
    else res.json({ status: 'success', msg: 'Call disconnected' });
  });

  router.get('/sim/sanspbx/stats', (_req, res) => {
    res.json({ tokensIssued: tokens.issued, dials });
  });

  router.get('/sim/sanspbx/calls/:callid', (req, res) => {
    const call = runner.get(req.params.callid);
    if (!call) throw AppError.notFound(`sanspbx call ${req.params.callid}`);
    const { timers: _timers, ...view } = call;
    res.json(view);
  });

  return router;
}

function fail(res: Response, msg: string): void {
  res.json({ status: 'failed', msg });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
