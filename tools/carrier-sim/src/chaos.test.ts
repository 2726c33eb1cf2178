import { Chaos } from './chaos';

const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe('Chaos', () => {
  it('never drops a terminal callback, even at a drop rate of 1', () => {
    const chaos = new Chaos({ duplicateRate: 0, reorderRate: 0, dropRate: 1 }, () => 0);
    expect(chaos.shouldDrop(true)).toBe(false);
    expect(chaos.shouldDrop(false)).toBe(true);
  });

  it('never holds a terminal callback back for reordering', () => {
    const chaos = new Chaos({ duplicateRate: 0, reorderRate: 1, dropRate: 0 }, () => 0);
    expect(chaos.shouldHoldBack(true)).toBe(false);
    expect(chaos.shouldHoldBack(false)).toBe(true);
  });

  it('acts when the random draw falls below the rate', () => {
    const chaos = new Chaos({ duplicateRate: 0.3, reorderRate: 0, dropRate: 0 }, sequence(0.29, 0.3, 0.9));
    expect([chaos.shouldDuplicate(), chaos.shouldDuplicate(), chaos.shouldDuplicate()]).toEqual([true, false, false]);
  });

  it('draws no random number when a knob is off, so other knobs stay reproducible', () => {
    const random = jest.fn(() => 0);
    const chaos = new Chaos({ duplicateRate: 0, reorderRate: 0, dropRate: 0 }, random);
    chaos.shouldDrop(false);
    chaos.shouldDuplicate();
    chaos.shouldHoldBack(false);
    expect(random).not.toHaveBeenCalled();
  });
});
