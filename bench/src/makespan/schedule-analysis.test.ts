import { analyseSchedule, splitRefillGaps } from './schedule-analysis';

describe('analyseSchedule', () => {
  it('gives the sliding-window ideal, the batch makespan and the refill gaps of a known schedule', () => {
    // cap 2: calls of 10, 30, 10, 10 ms; the third starts 1 ms after the first ends.
    const calls = [
      { startMs: 0, endMs: 10 },
      { startMs: 0, endMs: 30 },
      { startMs: 11, endMs: 21 },
      { startMs: 23, endMs: 33 },
    ];
    const analysis = analyseSchedule(calls, 2);
    expect(analysis.perCallMs).toEqual([10, 30, 10, 10]);
    expect(analysis.idealMs).toBe(30);
    expect(analysis.batchesMs).toBe(30 + 10);
    expect(analysis.maxConcurrent).toBe(2);
    expect(analysis.slotRefillGapsMs).toEqual([1, 2]);
  });

  it('counts a call that starts before a slot is free as overlap beyond the cap', () => {
    const analysis = analyseSchedule(
      [
        { startMs: 0, endMs: 10 },
        { startMs: 5, endMs: 15 },
      ],
      1,
    );
    expect(analysis.maxConcurrent).toBe(2);
  });
});

describe('splitRefillGaps', () => {
  it('splits each slot refill at the commit log and the dial job finish', () => {
    // cap 1: call A ends at 10, is logged at 12, its job finishes at 15; call B starts at 18.
    const split = splitRefillGaps(
      [
        { startMs: 0, endMs: 10, loggedMs: 12, finishedMs: 15 },
        { startMs: 18, endMs: 30, loggedMs: 31, finishedMs: 33 },
      ],
      1,
    );
    expect(split?.pairs).toBe(1);
    expect(split?.endToLogged?.p50).toBe(1);
    expect(split?.finishedToNextCall.p50).toBe(3);
    expect(split?.loggedToFinished?.max).toBe(3);
  });

  it('gives nothing when the services logged too few finishes to pair', () => {
    expect(
      splitRefillGaps(
        [
          { startMs: 0, endMs: 10 },
          { startMs: 11, endMs: 20 },
        ],
        1,
      ),
    ).toBeUndefined();
  });
});
