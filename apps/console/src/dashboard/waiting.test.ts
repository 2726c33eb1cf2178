import { retrySummary, waitingSummary } from './waiting';

describe('waitingSummary', () => {
  const now = new Date('2026-11-25T22:00:00Z');
  it('says how many leads wait and when, in the zone they wait in', () => {
    expect(waitingSummary({ waitingLeads: 12, nextDialAt: '2026-11-26T03:30:00.000Z', nextDialZone: 'Asia/Kolkata' }, now)).toBe(
      '12 leads wait for their calling hours — next at 09:00 Asia/Kolkata',
    );
  });
  it('adds the weekday when the next dial is more than a day away', () => {
    expect(waitingSummary({ waitingLeads: 1, nextDialAt: '2026-11-28T14:00:00.000Z', nextDialZone: 'America/New_York' }, now)).toBe(
      '1 lead waits for their calling hours — next at Sat 09:00 America/New_York',
    );
  });
  it('is null when nothing waits', () => {
    expect(waitingSummary({ waitingLeads: 0, nextDialAt: null, nextDialZone: null }, now)).toBeNull();
    expect(retrySummary({ retryPendingLeads: 0 })).toBeNull();
    expect(retrySummary({ retryPendingLeads: 2 })).toBe('2 leads have a retry pending');
  });
});
