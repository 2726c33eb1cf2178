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
  it('counts failed and canceled calls as failed', () => {
    expect(classifyCallOutcome('FAILED', 0)).toBe('failed');
    expect(classifyCallOutcome('CANCELED', 0)).toBe('failed');
  });
  it('refuses a non-terminal status', () => {
    expect(() => classifyCallOutcome('RINGING', 0)).toThrow(/non-terminal/);
  });
});
