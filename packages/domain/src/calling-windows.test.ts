import { parseCallingWindowsSpec, type TCallingWindow } from '@dialwave/contracts';
import { CallingHours } from './calling-hours';
import { dialableIntervals, nextDialTime } from './calling-windows';

const EVERY_DAY_9_TO_20: TCallingWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00' }];
const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('nextDialTime in one zone', () => {
  it('is open inside the window and names the next opening outside it', () => {
    // 2026-11-25 is a Wednesday; Kolkata is UTC+05:30 all year.
    expect(nextDialTime(at('2026-11-25T05:00:00Z'), EVERY_DAY_9_TO_20, ['Asia/Kolkata'])).toEqual({ open: true }); // 10:30 local
    const before = nextDialTime(at('2026-11-25T02:00:00Z'), EVERY_DAY_9_TO_20, ['Asia/Kolkata']); // 07:30 local
    expect(before).toEqual({ open: false, at: at('2026-11-25T03:30:00Z') });
    const after = nextDialTime(at('2026-11-25T15:00:00Z'), EVERY_DAY_9_TO_20, ['Asia/Kolkata']); // 20:30 local
    expect(after).toEqual({ open: false, at: at('2026-11-26T03:30:00Z') });
  });

  it('starts no dial in the last minute of a window, and a dial at its first minute is fine', () => {
    const zone = ['America/New_York']; // EST, UTC-5 in late November
    expect(nextDialTime(at('2026-11-25T14:00:00Z'), EVERY_DAY_9_TO_20, zone)).toEqual({ open: true }); // 09:00:00 exactly
    expect(nextDialTime(at('2026-11-26T00:58:59Z'), EVERY_DAY_9_TO_20, zone)).toEqual({ open: true }); // 19:58:59
    expect(nextDialTime(at('2026-11-26T00:59:00Z'), EVERY_DAY_9_TO_20, zone)).toEqual({ open: false, at: at('2026-11-26T14:00:00Z') }); // 19:59:00
    expect(nextDialTime(at('2026-11-26T00:59:59Z'), EVERY_DAY_9_TO_20, zone)).toEqual({ open: false, at: at('2026-11-26T14:00:00Z') });
  });

  it('treats touching windows as one opening: only the last minute of the whole opening is closed', () => {
    const split: TCallingWindow[] = [
      { days: [3], start: '09:00', end: '12:00' },
      { days: [3], start: '12:00', end: '20:00' },
    ];
    expect(nextDialTime(at('2026-11-25T11:59:30Z'), split, ['UTC'])).toEqual({ open: true });
    expect(nextDialTime(at('2026-11-25T19:59:30Z'), split, ['UTC'])).toEqual({ open: false, at: at('2026-12-02T09:00:00Z') });
  });

  it('follows the ISO weekdays of the lead’s zone, not of UTC', () => {
    const weekdays: TCallingWindow[] = [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }];
    // Saturday 2026-11-28 10:00 in Kolkata: closed until Monday 09:00 there.
    expect(nextDialTime(at('2026-11-28T04:30:00Z'), weekdays, ['Asia/Kolkata'])).toEqual({ open: false, at: at('2026-11-30T03:30:00Z') });
    // Sunday 23:30 UTC is already Monday 05:00 in Kolkata: the next opening is that Monday, 09:00 local.
    expect(nextDialTime(at('2026-11-29T23:30:00Z'), weekdays, ['Asia/Kolkata'])).toEqual({ open: false, at: at('2026-11-30T03:30:00Z') });
    // Friday 20:00 in Los Angeles is Saturday 04:00 UTC: still Friday there, so closed until Monday.
    expect(nextDialTime(at('2026-11-28T04:00:00Z'), weekdays, ['America/Los_Angeles'])).toEqual({
      open: false,
      at: at('2026-11-30T17:00:00Z'),
    });
  });

  it('answers null when no day of the week has a window', () => {
    expect(nextDialTime(at('2026-11-25T12:00:00Z'), [{ days: [3], start: '09:00', end: '10:00' }], ['UTC'])).toEqual({
      open: false,
      at: at('2026-12-02T09:00:00Z'),
    });
  });
});

describe('nextDialTime across DST changes', () => {
  it('keeps local hours when New York springs forward (2026-03-08) and falls back (2026-11-01)', () => {
    const zone = ['America/New_York'];
    // Saturday 2026-03-07 after hours (EST, UTC-5) → Sunday 09:00 EDT (UTC-4) = 13:00Z, not 14:00Z.
    expect(nextDialTime(at('2026-03-08T02:00:00Z'), EVERY_DAY_9_TO_20, zone)).toEqual({ open: false, at: at('2026-03-08T13:00:00Z') });
    // Saturday 2026-10-31 after hours (EDT) → Sunday 09:00 EST (UTC-5) = 14:00Z.
    expect(nextDialTime(at('2026-11-01T02:00:00Z'), EVERY_DAY_9_TO_20, zone)).toEqual({ open: false, at: at('2026-11-01T14:00:00Z') });
    // On the fall-back day the window is 12 hours of wall clock: 19:58 EST is 00:58Z the next day, still open.
    expect(nextDialTime(at('2026-11-02T00:58:00Z'), EVERY_DAY_9_TO_20, zone)).toEqual({ open: true });
  });

  it('moves a window starting in the skipped hour past the gap, and picks the earlier of a repeated hour', () => {
    const night: TCallingWindow[] = [{ days: [7], start: '02:30', end: '04:00' }];
    // 2026-03-08 02:30 does not exist in New York: the window opens at 03:30 EDT (07:30Z).
    const spring = dialableIntervals(
      night,
      ['America/New_York'],
      at('2026-03-08T00:00:00Z').getTime(),
      at('2026-03-09T00:00:00Z').getTime(),
    );
    expect(spring.map((i) => [iso(new Date(i.start)), iso(new Date(i.end))])).toEqual([
      ['2026-03-08T07:30:00.000Z', '2026-03-08T07:59:00.000Z'],
    ]);
    const repeated: TCallingWindow[] = [{ days: [7], start: '01:30', end: '03:00' }];
    // 2026-11-01 01:30 happens twice in New York; the window opens at the first (EDT, 05:30Z) and ends 03:00 EST (08:00Z).
    const fall = dialableIntervals(
      repeated,
      ['America/New_York'],
      at('2026-11-01T00:00:00Z').getTime(),
      at('2026-11-02T00:00:00Z').getTime(),
    );
    expect(fall.map((i) => [iso(new Date(i.start)), iso(new Date(i.end))])).toEqual([
      ['2026-11-01T05:30:00.000Z', '2026-11-01T07:59:00.000Z'],
    ]);
  });

  it('uses Europe’s DST date, three weeks apart from America’s', () => {
    // 2026-03-29 London goes to BST (UTC+1): Sunday 09:00 local is 08:00Z.
    expect(nextDialTime(at('2026-03-29T03:00:00Z'), EVERY_DAY_9_TO_20, ['Europe/London'])).toEqual({
      open: false,
      at: at('2026-03-29T08:00:00Z'),
    });
  });
});

describe('nextDialTime for numbers in several zones', () => {
  it('is open only while the window is open in every zone, and the last minute is that of the first zone to close', () => {
    const zones = ['America/New_York', 'America/Los_Angeles']; // UTC-5 and UTC-8 in November
    // 09:30 New York is 06:30 Los Angeles: closed until 09:00 Los Angeles (17:00Z).
    expect(nextDialTime(at('2026-11-25T14:30:00Z'), EVERY_DAY_9_TO_20, zones)).toEqual({ open: false, at: at('2026-11-25T17:00:00Z') });
    expect(nextDialTime(at('2026-11-25T18:00:00Z'), EVERY_DAY_9_TO_20, zones)).toEqual({ open: true });
    // New York closes at 20:00 (01:00Z): its last minute closes the shared opening.
    expect(nextDialTime(at('2026-11-26T00:59:10Z'), EVERY_DAY_9_TO_20, zones)).toEqual({ open: false, at: at('2026-11-26T17:00:00Z') });
  });

  it('answers null when the zones never share an open hour', () => {
    const short: TCallingWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '10:00' }];
    expect(nextDialTime(at('2026-11-25T00:00:00Z'), short, ['Asia/Kolkata', 'America/New_York'])).toEqual({ open: false, at: null });
  });
});

describe('CallingHours', () => {
  it('gives the same answers as nextDialTime while reusing its intervals', () => {
    const hours = new CallingHours();
    const zones = ['Asia/Kolkata'];
    for (const time of [
      '2026-11-25T02:00:00Z',
      '2026-11-25T05:00:00Z',
      '2026-11-25T14:29:30Z',
      '2026-11-27T23:00:00Z',
      '2026-12-05T10:00:00Z',
    ]) {
      expect(hours.nextDialTime(at(time), EVERY_DAY_9_TO_20, zones)).toEqual(nextDialTime(at(time), EVERY_DAY_9_TO_20, zones));
    }
  });
});

describe('parseCallingWindowsSpec (DEFAULT_CALLING_WINDOWS)', () => {
  it('reads day ranges and lists and several windows', () => {
    expect(parseCallingWindowsSpec('1-7 09:00-20:00')).toEqual(EVERY_DAY_9_TO_20);
    expect(parseCallingWindowsSpec('1-5 08:00-21:00; 6,7 10:00-14:00')).toEqual([
      { days: [1, 2, 3, 4, 5], start: '08:00', end: '21:00' },
      { days: [6, 7], start: '10:00', end: '14:00' },
    ]);
  });

  it('refuses a window crossing midnight, a bad day and a bad shape, naming the part', () => {
    expect(() => parseCallingWindowsSpec('1-7 20:00-02:00')).toThrow(/20:00-02:00/);
    expect(() => parseCallingWindowsSpec('0-8 09:00-20:00')).toThrow(/0-8/);
    expect(() => parseCallingWindowsSpec('weekdays 9-5')).toThrow(/weekdays/);
    expect(() => parseCallingWindowsSpec(' ; ')).toThrow(/no window/);
  });
});
