import { ProviderError } from '../provider-error';
import { toSansPbxCallerId, toSansPbxCallTo } from './sanspbx-numbers';

describe('SansPBX number formats', () => {
  it('dials an Indian E.164 number as 0 and its ten national digits', () => {
    expect(toSansPbxCallTo('+919876543210')).toBe('09876543210');
    expect(toSansPbxCallTo('+918047180000')).toBe('08047180000');
  });

  it('refuses a non-Indian number permanently, naming it', () => {
    let caught: unknown;
    try {
      toSansPbxCallTo('+14155550123');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ProviderError);
    expect(caught).toMatchObject({ errorClass: 'permanent', message: expect.stringContaining('+14155550123') });
  });

  it('refuses text that is no phone number at all', () => {
    expect(() => toSansPbxCallTo('not a number')).toThrow(/not a valid Indian number/);
  });

  it("sends the agent's caller id digits when set, else the DID's national digits", () => {
    expect(toSansPbxCallerId('7180000', '+918047180000')).toBe('7180000');
    expect(toSansPbxCallerId(null, '+918047180000')).toBe('8047180000');
    expect(toSansPbxCallerId(undefined, '+918047180000')).toBe('8047180000');
    expect(toSansPbxCallerId('', '+918047180000')).toBe('8047180000');
  });
});
