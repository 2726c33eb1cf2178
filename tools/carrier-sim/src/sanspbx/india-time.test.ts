import { formatIndiaTime } from './india-time';

describe('formatIndiaTime', () => {
  it('writes a UTC instant as India time (UTC+05:30) without a zone, crossing midnight', () => {
    expect(formatIndiaTime(new Date('2026-11-25T18:45:30Z'))).toBe('2026-11-26 00:15:30');
  });

  it('pads every field to two digits and uses a 24-hour clock', () => {
    expect(formatIndiaTime(new Date('2026-01-04T07:31:05Z'))).toBe('2026-01-04 13:01:05');
  });
});
