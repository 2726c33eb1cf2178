import { defaultDialingSettings, toDialingFields } from './dialing-settings';

describe('the New campaign form’s dialing settings', () => {
  it('defaults to every day 09:00–20:00 in the lead’s zone, one attempt, machines played on', () => {
    const { fields, problems } = toDialingFields(defaultDialingSettings('Asia/Kolkata'));
    expect(problems).toEqual([]);
    expect(fields).toEqual({
      schedule: { timezone: 'Asia/Kolkata', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00' }] },
      retry: { maxAttempts: 1, delaySeconds: 3600, on: ['BUSY', 'MISSED'] },
      answeringMachine: { action: 'continue' },
    });
  });

  it('sends a start time as an instant, retries in seconds, and the voicemail message', () => {
    const form = {
      ...defaultDialingSettings('UTC'),
      startAt: '2030-01-02T09:30',
      retryMaxAttempts: 3,
      retryDelayMinutes: 15,
      retryOn: ['BUSY' as const],
      answeringMachine: 'voicemail' as const,
      voicemailMessage: ' Call us back. ',
    };
    const { fields } = toDialingFields(form);
    expect(fields?.schedule?.startAt).toBe(new Date('2030-01-02T09:30').toISOString());
    expect(fields?.retry).toEqual({ maxAttempts: 3, delaySeconds: 900, on: ['BUSY'] });
    expect(fields?.answeringMachine).toEqual({ action: 'voicemail', message: 'Call us back.' });
  });

  it('leaves windows out when switched off, so the deployment default applies', () => {
    expect(toDialingFields({ ...defaultDialingSettings('UTC'), windowsEnabled: false }).fields?.schedule).toEqual({ timezone: 'UTC' });
  });

  it('names what is wrong: a window ending before it starts, too many attempts, a voicemail without message', () => {
    const form = {
      ...defaultDialingSettings('UTC'),
      windows: [{ days: [1], start: '20:00', end: '09:00' }],
      retryMaxAttempts: 11,
      answeringMachine: 'voicemail' as const,
    };
    const { fields, problems } = toDialingFields(form);
    expect(fields).toBeUndefined();
    expect(problems).toEqual([
      expect.stringMatching(/^schedule\.windows\.0\.end: /),
      expect.stringMatching(/^retry\.maxAttempts: /),
      expect.stringMatching(/^answeringMachine\.message: /),
    ]);
  });
});
