import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { timezones } from 'libphonenumber-geo-carrier';
import { leadTimeZones } from './lead-eligibility';
import { timeZonesOfNumber } from './phone-time-zones';

const SAMPLE = [
  '+919876543210',
  '+14155552671',
  '+12125551234',
  '+18005550100',
  '+442079460958',
  '+61212345678',
  '+5511987654321',
  '+16135550100',
  '+79161234567',
  '+8613800138000',
];

describe('timeZonesOfNumber', () => {
  it('agrees with libphonenumber-geo-carrier’s own timezones() on a sample of numbers', async () => {
    for (const number of SAMPLE) {
      const theirs = (await timezones(parsePhoneNumberFromString(number))) ?? [];
      expect({ number, zones: timeZonesOfNumber(number) }).toEqual({ number, zones: theirs.filter((zone) => zone !== 'Etc/Unknown') });
    }
  });

  it('maps an Indian mobile to one zone, a US area code to its zone, and a toll-free number to every North American zone', () => {
    expect(timeZonesOfNumber('+919876543210')).toEqual(['Asia/Calcutta']);
    expect(timeZonesOfNumber('+12125551234')).toEqual(['America/New_York']);
    expect(timeZonesOfNumber('+18005550100').length).toBeGreaterThan(20);
    expect(timeZonesOfNumber('+999')).toEqual([]);
  });
});

describe('leadTimeZones', () => {
  it('prefers the lead’s own zone, then the number’s, then the campaign’s, then UTC', () => {
    expect(leadTimeZones({ phone: '+919876543210', timezone: 'Europe/Paris' }, 'UTC')).toEqual(['Europe/Paris']);
    expect(leadTimeZones({ phone: '+919876543210', timezone: null }, 'UTC')).toEqual(['Asia/Calcutta']);
    expect(leadTimeZones({ phone: '+999123', timezone: null }, 'Asia/Tokyo')).toEqual(['Asia/Tokyo']);
    expect(leadTimeZones({ phone: '+999123', timezone: null }, null)).toEqual(['UTC']);
  });
});
