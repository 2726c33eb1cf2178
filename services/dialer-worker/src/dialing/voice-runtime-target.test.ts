import { verifyCallToken } from '@dialwave/platform';
import { voiceRuntimeTargetFor } from './voice-runtime-target';

const settings = { publicWebhookUrl: 'https://hooks.example.in/', agentReportSecret: 'r'.repeat(40) };
const agent = { voiceRuntimeUrl: 'wss://runtime.example.in/agent', greeting: 'Namaste!' };

describe('the voice runtime a SansPBX call is streamed to', () => {
  it("carries the call's parameters and a report URL good for this call only", () => {
    const target = voiceRuntimeTargetFor('SANSPBX', agent, { id: 'call-1', leadName: 'Asha Rao' }, settings);
    expect(target).toEqual({
      url: 'wss://runtime.example.in/agent',
      parameters: {
        callId: 'call-1',
        leadName: 'Asha Rao',
        greeting: 'Namaste!',
        reportUrl: expect.stringMatching(/^https:\/\/hooks\.example\.in\/agent\/report\?callId=call-1&token=/),
      },
    });
    const token = new URL(target!.parameters.reportUrl!).searchParams.get('token') ?? undefined;
    expect(verifyCallToken(settings.agentReportSecret, 'call-1', token)).toBe(true);
  });

  it('is none for an agent without a runtime, and for Twilio, whose TwiML carries the same parameters', () => {
    expect(voiceRuntimeTargetFor('SANSPBX', { ...agent, voiceRuntimeUrl: null }, { id: 'c', leadName: '' }, settings)).toBeUndefined();
    expect(voiceRuntimeTargetFor('TWILIO', agent, { id: 'c', leadName: '' }, settings)).toBeUndefined();
  });
});
