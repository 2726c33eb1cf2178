import type { ApiClient } from '@dialwave/testkit';
import { expectedCallFor, expectedCountersFor, outcomePhone } from './carrier-outcomes';
import type { CarrierTap } from './carrier-tap';
import { countBy, waitForCampaignStatus } from './outbound-scenario';

/** `count` leads cycling through every outcome digit; humans talk long (second-to-last digit 6–9). */
export function mixedPhones(firstSerial: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const last = i % 10;
    return outcomePhone(firstSerial + i, `${last < 5 ? 6 + (i % 4) : last}${last}`);
  });
}

/**
 * What every fault scenario must end with: the campaign COMPLETED, its counters what the carrier's table
 * predicts, one call per lead with the carrier's status and duration, and each number dialed exactly once
 * at the carrier's door.
 */
export async function expectCampaignFinishedExactly(
  api: ApiClient,
  tap: CarrierTap,
  campaignId: string,
  phones: string[],
  timeoutMs?: number,
): Promise<void> {
  const campaign = await waitForCampaignStatus(api, campaignId, 'COMPLETED', timeoutMs);
  expect(campaign).toMatchObject(expectedCountersFor(phones));
  const calls = await api.allCalls(campaignId);
  expect(calls).toHaveLength(phones.length);
  expect([...countBy(calls, (call) => call.leadId ?? 'none')].filter(([, n]) => n !== 1)).toEqual([]);
  const wrong = calls.filter((call) => {
    const want = expectedCallFor(call.toNumber);
    return call.status !== want.status || (call.durationSeconds ?? 0) !== want.durationSeconds;
  });
  expect(wrong.map((call) => [call.toNumber, call.status, call.durationSeconds])).toEqual([]);
  const dials = tap.dialsPerNumber();
  expect(phones.filter((phone) => dials.get(phone) !== 1).map((phone) => [phone, dials.get(phone) ?? 0])).toEqual([]);
}
