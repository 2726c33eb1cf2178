import { toE164 } from './phone-number';

describe('toE164', () => {
  it('normalises a formatted international number to E.164', () => {
    expect(toE164(' +1 (415) 555-2671 ')).toBe('+14155552671');
    expect(toE164('+91 98765 43210')).toBe('+919876543210');
  });

  it('keeps an E.164-shaped number that the metadata does not know', () => {
    expect(toE164('+15005550006')).toBe('+15005550006');
  });

  it('gives undefined for withheld or missing caller ids', () => {
    expect(toE164('anonymous')).toBeUndefined();
    expect(toE164('')).toBeUndefined();
    expect(toE164(undefined)).toBeUndefined();
    expect(toE164('12345')).toBeUndefined();
  });
});
