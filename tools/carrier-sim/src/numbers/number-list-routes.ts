import { Router, type Request } from 'express';
import { API_VERSION } from '../twilio/call-resource';
import { twilioBasicAuth } from '../twilio/basic-auth';
import type { OwnedNumbers } from './owned-numbers';
import { toIncomingPhoneNumberResource, toOutgoingCallerIdResource } from './number-resources';

export interface NumberListRoutesDeps {
  accountSid: string;
  authToken: string;
  /** The account's own numbers (IncomingPhoneNumbers). */
  incoming: OwnedNumbers;
  /** Numbers verified as caller ids (OutgoingCallerIds). */
  callerIds: OwnedNumbers;
  /** Where the account's numbers send inbound calls (each number's voice_url), when known. */
  inboundVoiceUrl?: string;
}

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/**
 * Twilio's list endpoints for the account's numbers, read as the SDK reads them: `PhoneNumber` filter,
 * `PageSize`/`Page` paging, and the paged envelope (`<key>`, `page`, `page_size`, `uri`, `first_page_uri`,
 * `next_page_uri`, `previous_page_uri`, `start`, `end`). How an agent's caller number is proven to be the
 * account's: https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource#read-multiple-incomingphonenumber-resources
 * and https://www.twilio.com/docs/voice/api/outgoing-caller-ids#read-multiple-outgoingcallerid-resources
 */
export function numberListRoutes(deps: NumberListRoutesDeps): Router {
  const router = Router();
  const auth = twilioBasicAuth(deps.accountSid, deps.authToken);
  const account = `/${API_VERSION}/Accounts/:accountSid`;

  router.get(`${account}/IncomingPhoneNumbers.json`, auth, (req, res) => {
    const numbers = deps.incoming.find(phoneNumberFilter(req));
    res.json(
      listPage(
        req,
        'IncomingPhoneNumbers',
        'incoming_phone_numbers',
        numbers,
        (n) => toIncomingPhoneNumberResource(deps.accountSid, n, deps.inboundVoiceUrl ?? null),
        deps.accountSid,
      ),
    );
  });

  router.get(`${account}/OutgoingCallerIds.json`, auth, (req, res) => {
    const numbers = deps.callerIds.find(phoneNumberFilter(req));
    res.json(
      listPage(
        req,
        'OutgoingCallerIds',
        'outgoing_caller_ids',
        numbers,
        (n) => toOutgoingCallerIdResource(deps.accountSid, n),
        deps.accountSid,
      ),
    );
  });

  return router;
}

function phoneNumberFilter(req: Request): string | undefined {
  const value = req.query.PhoneNumber;
  // A `+` that reached us unencoded arrives as a space.
  return typeof value === 'string' && value.trim() ? value.trim().replace(/^(\d)/, '+$1') : undefined;
}

function listPage<T>(req: Request, resource: string, key: string, numbers: string[], render: (n: string) => T, accountSid: string) {
  const query = req.query as Record<string, string | undefined>;
  const pageSize = Math.min(Math.max(Number(query.PageSize) || DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const page = Math.max(Number(query.Page) || 0, 0);
  const start = page * pageSize;
  const items = numbers.slice(start, start + pageSize).map(render);
  const uriFor = (p: number) => {
    const params = new URLSearchParams();
    if (query.PhoneNumber) params.set('PhoneNumber', query.PhoneNumber);
    params.set('PageSize', String(pageSize));
    params.set('Page', String(p));
    return `/${API_VERSION}/Accounts/${accountSid}/${resource}.json?${params.toString()}`;
  };
  return {
    [key]: items,
    end: start + Math.max(items.length - 1, 0),
    first_page_uri: uriFor(0),
    next_page_uri: start + pageSize < numbers.length ? uriFor(page + 1) : null,
    page,
    page_size: pageSize,
    previous_page_uri: page > 0 ? uriFor(page - 1) : null,
    start,
    uri: uriFor(page),
  };
}
