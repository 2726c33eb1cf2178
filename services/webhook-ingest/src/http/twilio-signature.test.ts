import type { Request } from 'express';
import twilio from 'twilio';
import { verifyTwilioSignature } from './twilio-signature';

const authToken = 'signature-test-token';
const params = { CallSid: 'CA123', CallStatus: 'ringing', SequenceNumber: '1' };

function check(publicWebhookUrl: string, signature: string | undefined): { passed: boolean; forged: number } {
  let forged = 0;
  let passed = false;
  const req = {
    originalUrl: '/twilio/status?callId=c1',
    body: params,
    get: (name: string) => (name === 'X-Twilio-Signature' ? signature : undefined),
  } as unknown as Request;
  verifyTwilioSignature({ authToken, publicWebhookUrl, onForged: () => (forged += 1) })(req, {} as never, (err?: unknown) => {
    passed = err === undefined;
  });
  return { passed, forged };
}

describe('verifyTwilioSignature', () => {
  it('accepts the signature of the exact URL Twilio requested', () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, 'https://hooks.example.com/twilio/status?callId=c1', params);
    expect(check('https://hooks.example.com', signature)).toEqual({ passed: true, forged: 0 });
  });

  it('still accepts a signature Twilio made over the URL with its default port, as the SDK does', () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, 'https://hooks.example.com:443/twilio/status?callId=c1', params);
    expect(check('https://hooks.example.com', signature)).toEqual({ passed: true, forged: 0 });
  });

  it('refuses a signature over other parameters, a wrong token, or none', () => {
    const tampered = twilio.getExpectedTwilioSignature(authToken, 'https://hooks.example.com/twilio/status?callId=c1', {
      ...params,
      CallStatus: 'completed',
    });
    const otherToken = twilio.getExpectedTwilioSignature('another-token', 'https://hooks.example.com/twilio/status?callId=c1', params);
    expect(check('https://hooks.example.com', tampered)).toEqual({ passed: false, forged: 1 });
    expect(check('https://hooks.example.com', otherToken)).toEqual({ passed: false, forged: 1 });
    expect(check('https://hooks.example.com', undefined)).toEqual({ passed: false, forged: 1 });
  });
});
