import { classifyOutcome } from './outcome';
import { addOutcomePoint, buildOutcomeSeries, type OutcomePoint } from './outcome-series';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

describe('classifyOutcome', () => {
  it('follows the server’s counting rule', () => {
    expect(classifyOutcome('COMPLETED', 12)).toBe('successful');
    expect(classifyOutcome('COMPLETED', 0)).toBe('missed');
    expect(classifyOutcome('BUSY', 0)).toBe('missed');
    expect(classifyOutcome('MISSED', null)).toBe('missed');
    expect(classifyOutcome('FAILED', null)).toBe('failed');
    expect(classifyOutcome('CANCELED', 0)).toBe('failed');
    expect(classifyOutcome('ANSWERED', null)).toBeNull();
  });
});

describe('buildOutcomeSeries', () => {
  it('is empty before any call ends', () => {
    expect(buildOutcomeSeries([])).toEqual([]);
  });

  it('accumulates outcomes over equal time slices, ending at the totals', () => {
    const points: OutcomePoint[] = [
      { callId: '1', at: at(0), outcome: 'successful' },
      { callId: '2', at: at(5), outcome: 'missed' },
      { callId: '3', at: at(9), outcome: 'failed' },
      { callId: '4', at: at(10), outcome: 'successful' },
    ];
    const series = buildOutcomeSeries(points, 2);
    expect(series.map(({ successful, missed, failed }) => [successful, missed, failed])).toEqual([
      [1, 0, 0],
      [2, 1, 1],
    ]);
    expect(series[1]?.at).toBe(Date.parse(at(10)));
  });

  it('puts simultaneous outcomes in one bucket', () => {
    const points: OutcomePoint[] = [
      { callId: '1', at: at(3), outcome: 'successful' },
      { callId: '2', at: at(3), outcome: 'failed' },
      { callId: '3', at: at(3), outcome: 'voicemail' },
    ];
    expect(buildOutcomeSeries(points, 10)).toEqual([{ at: Date.parse(at(3)), successful: 1, voicemail: 1, missed: 0, failed: 1 }]);
  });
});

describe('addOutcomePoint', () => {
  it('counts a call once even when REST and the socket both report it', () => {
    const point: OutcomePoint = { callId: '1', at: at(1), outcome: 'successful' };
    expect(addOutcomePoint(addOutcomePoint([], point), point)).toHaveLength(1);
  });
});
