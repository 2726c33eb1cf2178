import { normalisePhone } from './phone';

describe('normalisePhone', () => {
  it.each([
    ['+14155552671', 'US', '+14155552671'],
    ['+1 (415) 555-2671', 'US', '+14155552671'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['415.555.2671', 'US', '+14155552671'],
    ['  +44 20 7946 0958 ', 'US', '+442079460958'],
    ['98765 43210', 'IN', '+919876543210'],
    ['+919876543210', 'US', '+919876543210'],
  ] as const)('reads %s (region %s) as %s', (input, region, expected) => {
    expect(normalisePhone(input, region)).toBe(expected);
  });

  it.each([['12345'], ['not a phone'], ['+1 000 000 0000'], [''], ['98765 43210']])('rejects %s as invalid in region US', (input) => {
    expect(normalisePhone(input, 'US')).toBeUndefined();
  });
});
