import { signCallToken, verifyCallToken } from '@dialwave/platform';
import { webhookUrlsFor } from './webhook-urls';

const settings = { publicWebhookUrl: 'https://hooks.example.in/', sansPbxCallbackSecret: 'a secret&more' };

describe('callback URLs of a dial', () => {
  it('points Twilio and simulator calls at the Twilio webhooks, with our call id', () => {
    for (const provider of ['TWILIO', 'SIMULATOR'] as const) {
      expect(webhookUrlsFor(provider, settings, 'call-1')).toEqual({
        statusCallbackUrl: 'https://hooks.example.in/twilio/status?callId=call-1',
        answerUrl: 'https://hooks.example.in/twilio/voice?callId=call-1',
      });
    }
  });

  it("points SansPBX calls at the SansPBX webhook with our call id and that call's token, never the secret", () => {
    const urls = webhookUrlsFor('SANSPBX', settings, 'call-1');
    expect(urls).toEqual({
      statusCallbackUrl: `https://hooks.example.in/sanspbx/status?callId=call-1&token=${signCallToken('a secret&more', 'call-1')}`,
    });
    const token = new URL(urls.statusCallbackUrl).searchParams.get('token') ?? undefined;
    expect(verifyCallToken('a secret&more', 'call-1', token)).toBe(true);
    expect(verifyCallToken('a secret&more', 'call-2', token)).toBe(false);
    expect(urls.statusCallbackUrl).not.toContain('secret');
  });
});
