import { canApply } from './campaign-actions';

describe('canApply', () => {
  it('offers pause only while running and resume only while paused', () => {
    expect(canApply('RUNNING', 'pause')).toBe(true);
    expect(canApply('PAUSED', 'pause')).toBe(false);
    expect(canApply('PAUSED', 'resume')).toBe(true);
    expect(canApply('RUNNING', 'resume')).toBe(false);
  });
  it('offers cancel until the campaign has ended', () => {
    expect(canApply('PENDING', 'cancel')).toBe(true);
    expect(canApply('RUNNING', 'cancel')).toBe(true);
    expect(canApply('PAUSED', 'cancel')).toBe(true);
    for (const ended of ['COMPLETED', 'CANCELED', 'FAILED'] as const) {
      expect(canApply(ended, 'pause') || canApply(ended, 'resume') || canApply(ended, 'cancel')).toBe(false);
    }
  });
});
