import { OwnedNumbers, parseOwnedNumbers } from './owned-numbers';

describe('OwnedNumbers', () => {
  const owned = new OwnedNumbers(parseOwnedNumbers(' +15005550006, +1415555* ,+15005550006,'));

  it('owns exact numbers and whole +prefix* ranges', () => {
    expect(owned.has('+15005550006')).toBe(true);
    expect(owned.has('+14155552671')).toBe(true);
    expect(owned.has('+14155562671')).toBe(false);
    expect(owned.has('+1500555000')).toBe(false);
  });

  it('finds the number asked for when owned, and lists only exact numbers (once) otherwise', () => {
    expect(owned.find('+14155550199')).toEqual(['+14155550199']);
    expect(owned.find('+16285550100')).toEqual([]);
    expect(owned.find(undefined)).toEqual(['+15005550006']);
  });
});
