import { classifyCallOutcome } from './call-outcome';

describe('campaign counter rules', () => {
  it('counts a completed call with talk time as successful', () => {
    expect(classifyCallOutcome('COMPLETED', 12)).toBe('successful');
  });
  it('counts a completed call of zero seconds, no-answer and busy as missed', () => {
    expect(classifyCallOutcome('COMPLETED', 0)).toBe('missed');
    expect(classifyCallOutcome('COMPLETED', null)).toBe('missed');
    expect(classifyCallOutcome('MISSED', 0)).toBe('missed');
    expect(classifyCallOutcome('BUSY', 0)).toBe('missed');
  });
  it('counts a completed call answered by a machine as a voicemail, whatever its length, and a person as a person', () => {
    expect(classifyCallOutcome('COMPLETED', 3, 'machine_start')).toBe('voicemail');
    expect(classifyCallOutcome('COMPLETED', 0, 'machine_end_beep')).toBe('voicemail');
    expect(classifyCallOutcome('COMPLETED', 4, 'fax')).toBe('voicemail');
    expect(classifyCallOutcome('COMPLETED', 4, 'human')).toBe('successful');
    expect(classifyCallOutcome('BUSY', 0, 'machine_start')).toBe('missed');
  });
  it('counts failed and canceled calls as failed', () => {
    expect(classifyCallOutcome('FAILED', 0)).toBe('failed');
    expect(classifyCallOutcome('CANCELED', 0)).toBe('failed');
  });
  it('refuses a non-terminal status', () => {
    expect(() => classifyCallOutcome('RINGING', 0)).toThrow(/non-terminal/);
  });
});
