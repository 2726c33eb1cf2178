import { parseSansPbxTime } from './india-time';

describe('SansPBX times', () => {
  it('reads a zone-less time as India time (UTC+05:30)', () => {
    expect(parseSansPbxTime('2026-11-25 17:45:30')?.toISOString()).toBe('2026-11-25T12:15:30.000Z');
  });

  it('crosses midnight back into the previous UTC day', () => {
    expect(parseSansPbxTime('2026-01-01 03:00:00')?.toISOString()).toBe('2025-12-31T21:30:00.000Z');
  });

  it('returns undefined for anything that is not such a time', () => {
    expect(parseSansPbxTime('tomorrow')).toBeUndefined();
    expect(parseSansPbxTime('')).toBeUndefined();
    expect(parseSansPbxTime(undefined)).toBeUndefined();
    expect(parseSansPbxTime(1764000000)).toBeUndefined();
  });
});
