import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { rewriteTwilioUri } from './base-url-request-client';
import { ProviderError } from './provider-error';
import { TwilioProvider } from './twilio-provider';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'test-auth-token';

interface Recorded {
  method: string;
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/** Plays api.twilio.com: records each request and answers what the test queued. */
let server: Server;
let baseUrl: string;
const recorded: Recorded[] = [];
let answers: { status: number; body: unknown }[] = [];

beforeAll(async () => {
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.all('/{*path}', (req, res) => {
    recorded.push({ method: req.method, path: req.path, authorization: req.get('authorization'), body: { ...req.body } });
    const answer = answers.shift() ?? { status: 500, body: { code: 20500, message: 'no answer queued', more_info: '', status: 500 } };
    res.status(answer.status).json(answer.body);
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  recorded.length = 0;
  answers = [];
});

const callResource = (sid: string, status: string, duration: string | null = null) => ({
  sid,
  account_sid: ACCOUNT_SID,
  status,
  duration,
  answered_by: status === 'completed' ? 'human' : null,
  to: '+14155550101',
  from: '+15005550006',
  direction: 'outbound-api',
  uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/${sid}.json`,
});

describe('rewriteTwilioUri', () => {
  it('moves an api.twilio.com request onto the base URL, keeping path and query', () => {
    expect(rewriteTwilioUri('https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json?PageSize=5', new URL('http://127.0.0.1:4010'))).toBe(
      'http://127.0.0.1:4010/2010-04-01/Accounts/AC1/Calls.json?PageSize=5',
    );
  });

  it('keeps a path prefix of the base URL', () => {
    expect(
      rewriteTwilioUri('https://api.twilio.com/2010-04-01/Accounts/AC1/Calls.json', new URL('https://proxy.example.com/twilio/')),
    ).toBe('https://proxy.example.com/twilio/2010-04-01/Accounts/AC1/Calls.json');
  });

  it('leaves requests to other Twilio hosts alone', () => {
    const uri = 'https://voice.twilio.com/v1/DialingPermissions/Countries';
    expect(rewriteTwilioUri(uri, new URL('http://127.0.0.1:4010'))).toBe(uri);
  });
});

describe('TwilioProvider pointed at another base URL', () => {
  const provider = () => new TwilioProvider({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: baseUrl });

  it('creates the call with Twilio’s form fields and our callback URLs, authenticated as the account', async () => {
    answers.push({ status: 201, body: callResource('CA11111111111111111111111111111111', 'queued') });
    const result = await provider().dial({
      callId: 'call-1',
      to: '+14155550101',
      from: '+15005550006',
      statusCallbackUrl: 'https://hooks.example.com/twilio/status?callId=call-1',
      answerUrl: 'https://hooks.example.com/twilio/voice?callId=call-1',
      record: true,
      answeringMachine: 'continue',
      timeoutSeconds: 30,
    });
    expect(result).toEqual({ providerCallSid: 'CA11111111111111111111111111111111' });
    expect(recorded).toHaveLength(1);
    const [request] = recorded;
    expect(request).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json` });
    expect(request!.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
    expect(request!.body).toMatchObject({
      To: '+14155550101',
      From: '+15005550006',
      Url: 'https://hooks.example.com/twilio/voice?callId=call-1',
      StatusCallback: 'https://hooks.example.com/twilio/status?callId=call-1',
      StatusCallbackMethod: 'POST',
      StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      MachineDetection: 'Enable',
      Timeout: '30',
      Record: 'true',
    });
  });

  it('asks for detection that waits for the greeting’s end when the campaign leaves voicemails, and for none when not told', async () => {
    const base = {
      callId: 'call-2',
      to: '+14155550101',
      from: '+15005550006',
      statusCallbackUrl: 'https://h.example.com/s',
      answerUrl: 'https://h.example.com/v',
      record: false,
      timeoutSeconds: 30,
    };
    answers.push({ status: 201, body: callResource('CA33333333333333333333333333333333', 'queued') });
    await provider().dial({ ...base, answeringMachine: 'voicemail' });
    answers.push({ status: 201, body: callResource('CA44444444444444444444444444444444', 'queued') });
    await provider().dial({ ...base, answeringMachine: 'hangup' });
    answers.push({ status: 201, body: callResource('CA55555555555555555555555555555555', 'queued') });
    await provider().dial(base);
    expect(recorded.map((r) => (r.body as Record<string, unknown>).MachineDetection)).toEqual(['DetectMessageEnd', 'Enable', undefined]);
  });

  it('reads a call’s status, duration and answeredBy, mapped to ours', async () => {
    answers.push({ status: 200, body: callResource('CA22222222222222222222222222222222', 'completed', '17') });
    await expect(provider().fetchStatus('CA22222222222222222222222222222222')).resolves.toEqual({
      status: 'COMPLETED',
      durationSeconds: 17,
      answeredBy: 'human',
    });
    expect(recorded[0]).toMatchObject({
      method: 'GET',
      path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls/CA22222222222222222222222222222222.json`,
    });
  });

  it('hangs up by updating the call to completed', async () => {
    answers.push({ status: 200, body: callResource('CA33333333333333333333333333333333', 'completed', '3') });
    await provider().hangUp('CA33333333333333333333333333333333');
    expect(recorded[0]).toMatchObject({ method: 'POST', body: { Status: 'completed' } });
  });

  it('turns Twilio’s 21211 refusal into a permanent error carrying its code and message', async () => {
    answers.push({
      status: 400,
      body: {
        code: 21211,
        message: "The 'To' number +14155550109 is not a valid phone number.",
        more_info: 'https://www.twilio.com/docs/errors/21211',
        status: 400,
      },
    });
    const err = await provider()
      .dial({
        callId: 'c',
        to: '+14155550109',
        from: '+15005550006',
        statusCallbackUrl: 'https://h/s',
        answerUrl: 'https://h/v',
        record: false,
        timeoutSeconds: 30,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({
      errorClass: 'permanent',
      providerCode: 21211,
      httpStatus: 400,
      message: "provider error 21211: The 'To' number +14155550109 is not a valid phone number.",
    });
  });

  it('turns a 503 from Twilio into a transient error', async () => {
    answers.push({ status: 503, body: { code: 20503, message: 'Service Unavailable', more_info: '', status: 503 } });
    await expect(provider().fetchStatus('CA44444444444444444444444444444444')).rejects.toMatchObject({
      errorClass: 'transient',
      httpStatus: 503,
    });
  });

  it('turns a carrier that cannot be reached into a transient error', async () => {
    const unreachable = new TwilioProvider({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: 'http://127.0.0.1:1' });
    await expect(unreachable.hangUp('CA55555555555555555555555555555555')).rejects.toMatchObject({ errorClass: 'transient' });
  });
});
