import type { TCallingWindow } from '@dialwave/contracts';
import { decideEligibility } from './lead-eligibility';

const NINE_TO_EIGHT: TCallingWindow[] = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '20:00' }];
const INDIAN = { phone: '+919876543210', timezone: null };
const at = (iso: string) => new Date(iso);

describe('decideEligibility', () => {
  it('lets every lead through when the campaign has no windows and the number is under the cap', () => {
    expect(decideEligibility(at('2026-11-25T22:00:00Z'), { windows: null, timezone: null }, INDIAN, null)).toEqual({ eligible: true });
  });

  it('keeps a lead outside its own calling hours waiting for the next opening in its zone', () => {
    // 22:00Z is 03:30 in Kolkata: the lead waits until 09:00 there (03:30Z next day).
    expect(decideEligibility(at('2026-11-25T22:00:00Z'), { windows: NINE_TO_EIGHT, timezone: 'UTC' }, INDIAN, null)).toEqual({
      eligible: false,
      until: at('2026-11-26T03:30:00Z'),
      reason: 'window',
      zone: 'Asia/Calcutta',
    });
  });

  it('keeps a lead at the daily cap waiting until the cap frees, then for its window if that is closed by then', () => {
    const rules = { windows: null, timezone: null };
    expect(decideEligibility(at('2026-11-25T10:00:00Z'), rules, INDIAN, at('2026-11-25T11:00:00Z'))).toEqual({
      eligible: false,
      until: at('2026-11-25T11:00:00Z'),
      reason: 'daily_cap',
      zone: null,
    });
    // The cap frees at 16:00Z = 21:30 Kolkata, after hours: it waits until 09:00 Kolkata the next day.
    expect(
      decideEligibility(at('2026-11-25T10:00:00Z'), { windows: NINE_TO_EIGHT, timezone: null }, INDIAN, at('2026-11-25T16:00:00Z')),
    ).toEqual({
      eligible: false,
      until: at('2026-11-26T03:30:00Z'),
      reason: 'daily_cap',
      zone: 'Asia/Calcutta',
    });
    // A cap that freed in the past does not hold the lead.
    expect(decideEligibility(at('2026-11-25T10:00:00Z'), rules, INDIAN, at('2026-11-25T09:00:00Z'))).toEqual({ eligible: true });
  });
});
