import type twilio from 'twilio';
import { startCarrierSim, type RunningCarrierSim } from '../index';
import { simTwilioClient } from '../testing/sim-twilio-client';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'numbers-test-token';
const OWNED = ['+15005550006', '+14155552671', '+14155552672', '+14155552673', '+14155552674'];

describe("the account's number lists (IncomingPhoneNumbers, OutgoingCallerIds)", () => {
  let sim: RunningCarrierSim;
  let client: twilio.Twilio;

  beforeAll(async () => {
    sim = await startCarrierSim({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      ownedNumbers: [...OWNED, '+1628555*'],
      verifiedCallerIds: ['+919876543210'],
      inboundWebhookBaseUrl: 'https://hooks.example.test',
    });
    client = simTwilioClient(sim.url, ACCOUNT_SID, AUTH_TOKEN);
  });

  afterAll(async () => {
    await sim.close();
  });

  const get = (path: string, sid = ACCOUNT_SID, token = AUTH_TOKEN) =>
    fetch(`${sim.url}/2010-04-01/Accounts/${sid}/${path}`, {
      headers: { authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}` },
    });

  it('answers a PhoneNumber filter in Twilio’s paged JSON shape', async () => {
    const res = await get('IncomingPhoneNumbers.json?PhoneNumber=%2B14155552671&PageSize=1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      incoming_phone_numbers: [
        expect.objectContaining({ phone_number: '+14155552671', account_sid: ACCOUNT_SID, friendly_name: '(415) 555-2671' }),
      ],
      end: 0,
      first_page_uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json?PhoneNumber=%2B14155552671&PageSize=1&Page=0`,
      next_page_uri: null,
      page: 0,
      page_size: 1,
      previous_page_uri: null,
      start: 0,
      uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json?PhoneNumber=%2B14155552671&PageSize=1&Page=0`,
    });
    const [number] = body.incoming_phone_numbers as Record<string, unknown>[];
    expect(number!.sid).toMatch(/^PN[0-9a-f]{32}$/);
    expect(number).toMatchObject({
      uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers/${String(number!.sid)}.json`,
      voice_url: 'https://hooks.example.test/twilio/incoming',
      status: 'in-use',
    });
    expect(number!.date_created).toMatch(/\+0000$/);
  });

  it('reads through the official SDK: owned numbers, ranges and verified caller ids; nothing for a number the account does not have', async () => {
    const incoming = await client.incomingPhoneNumbers.list({ phoneNumber: '+14155552671', limit: 1 });
    expect(incoming.map((n) => n.phoneNumber)).toEqual(['+14155552671']);
    expect(incoming[0]!.dateCreated).toBeInstanceOf(Date);
    expect((await client.incomingPhoneNumbers.list({ phoneNumber: '+16285550123', limit: 1 })).map((n) => n.phoneNumber)).toEqual([
      '+16285550123',
    ]);
    expect(await client.incomingPhoneNumbers.list({ phoneNumber: '+919876543210', limit: 1 })).toEqual([]);
    const callerIds = await client.outgoingCallerIds.list({ phoneNumber: '+919876543210', limit: 1 });
    expect(callerIds.map((c) => [c.phoneNumber, c.sid.slice(0, 2)])).toEqual([['+919876543210', 'PN']]);
    expect(await client.outgoingCallerIds.list({ phoneNumber: '+14155552671', limit: 1 })).toEqual([]);
  });

  it('pages the whole list with next_page_uri, as the SDK follows it', async () => {
    const all = await client.incomingPhoneNumbers.list({ pageSize: 2 });
    expect(all.map((n) => n.phoneNumber)).toEqual(OWNED);
    const firstPage = (await (await get('IncomingPhoneNumbers.json?PageSize=2')).json()) as Record<string, unknown>;
    expect(firstPage).toMatchObject({
      page: 0,
      page_size: 2,
      start: 0,
      end: 1,
      next_page_uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json?PageSize=2&Page=1`,
    });
    const lastPage = (await (await get('IncomingPhoneNumbers.json?PageSize=2&Page=2')).json()) as Record<string, unknown>;
    expect(lastPage).toMatchObject({
      page: 2,
      start: 4,
      end: 4,
      next_page_uri: null,
      previous_page_uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json?PageSize=2&Page=1`,
    });
  });

  it('requires the account’s Basic auth like the other endpoints (401 20003), and 404 on another account', async () => {
    const unauthenticated = await fetch(`${sim.url}/2010-04-01/Accounts/${ACCOUNT_SID}/OutgoingCallerIds.json`);
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ code: 20003 });
    expect((await get('IncomingPhoneNumbers.json', ACCOUNT_SID, 'wrong-token')).status).toBe(401);
    const otherAccount = await fetch(`${sim.url}/2010-04-01/Accounts/ACffffffffffffffffffffffffffffffff/IncomingPhoneNumbers.json`, {
      headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}` },
    });
    expect(otherAccount.status).toBe(404);
    await expect(simTwilioClient(sim.url, ACCOUNT_SID, 'wrong-token').incomingPhoneNumbers.list({ limit: 1 })).rejects.toMatchObject({
      status: 401,
      code: 20003,
    });
  });
});
