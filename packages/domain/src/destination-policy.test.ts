import { checkDestination, classifyPhoneNumber, ZDialAllowedCountriesEnvSchema } from './destination-policy';

const everywhere = {};
const usAndCanada = { allowedCountries: new Set(['US', 'CA']) };

describe('checkDestination', () => {
  it.each([
    ['+19005551234', 'US 900'],
    ['+449091234567', 'UK 09'],
  ])('refuses the premium-rate number %s (%s) whatever the country list', (phone) => {
    expect(checkDestination(phone, everywhere)).toEqual({ reason: 'premium-rate', message: expect.stringContaining('premium-rate') });
    expect(checkDestination(phone, { allowedCountries: new Set(['US', 'GB']) })?.reason).toBe('premium-rate');
  });

  it('refuses a shared-cost number (France 0810)', () => {
    expect(checkDestination('+33810123456', everywhere)).toEqual({
      reason: 'shared-cost',
      message: expect.stringContaining('shared-cost'),
    });
  });

  it.each([
    ['+14155552671', 'US landline or mobile'],
    ['+919876543210', 'IN mobile'],
    ['+442079460958', 'GB landline'],
    ['+15005550006', 'US personal number (the demo agent)'],
  ])('lets %s (%s) through when every country is allowed', (phone) => {
    expect(checkDestination(phone, everywhere)).toBeUndefined();
  });

  it('allows only the listed countries, telling the +1 Caribbean from the US', () => {
    expect(checkDestination('+14155552671', usAndCanada)).toBeUndefined();
    expect(checkDestination('+16135550123', usAndCanada)).toBeUndefined();
    expect(checkDestination('+18765551234', usAndCanada)).toEqual({
      reason: 'country-not-allowed',
      message: expect.stringContaining('in JM'),
    });
    expect(checkDestination('+919876543210', usAndCanada)).toEqual({
      reason: 'country-not-allowed',
      message: expect.stringContaining('US, CA'),
    });
  });

  it('refuses a number of no single country (international freephone) only when a country list is set', () => {
    expect(checkDestination('+80012345678', everywhere)).toBeUndefined();
    expect(checkDestination('+80012345678', usAndCanada)).toEqual({
      reason: 'country-not-allowed',
      message: expect.stringContaining('not in any one country'),
    });
  });

  it('takes an already classified number, and refuses what is not a phone number', () => {
    expect(checkDestination(classifyPhoneNumber('(900) 555-1234', 'US')!, everywhere)?.reason).toBe('premium-rate');
    expect(checkDestination('not a number', everywhere)?.reason).toBe('not-a-phone-number');
  });
});

describe('classifyPhoneNumber', () => {
  it('gives E.164, country and type, and no type for a number in no known range', () => {
    expect(classifyPhoneNumber('98765 43210', 'IN')).toEqual({ number: '+919876543210', country: 'IN', type: 'MOBILE' });
    expect(classifyPhoneNumber('+18761234567')).toMatchObject({ country: 'JM', type: undefined });
    expect(classifyPhoneNumber('hello')).toBeUndefined();
  });
});

describe('DIAL_ALLOWED_COUNTRIES', () => {
  it('reads comma-separated ISO codes in any case and spacing; unset or empty means every country', () => {
    expect(ZDialAllowedCountriesEnvSchema.parse(' us, ca ,GB')).toEqual(new Set(['US', 'CA', 'GB']));
    expect(ZDialAllowedCountriesEnvSchema.parse(undefined)).toBeUndefined();
    expect(ZDialAllowedCountriesEnvSchema.parse('')).toBeUndefined();
    expect(ZDialAllowedCountriesEnvSchema.parse(' , ')).toBeUndefined();
  });

  it('names an unknown code', () => {
    const result = ZDialAllowedCountriesEnvSchema.safeParse('US,XX,Germany');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('XX, GERMANY');
  });
});
