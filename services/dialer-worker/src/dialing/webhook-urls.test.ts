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

  it('points SansPBX calls at the SansPBX webhook with our call id and the callback secret, encoded', () => {
    const urls = webhookUrlsFor('SANSPBX', settings, 'call-1');
    expect(urls).toEqual({ statusCallbackUrl: 'https://hooks.example.in/sanspbx/status?callId=call-1&token=a+secret%26more' });
    expect(new URL(urls.statusCallbackUrl).searchParams.get('token')).toBe('a secret&more');
  });
});
