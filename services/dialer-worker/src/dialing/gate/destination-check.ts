import type { Call } from '@dialwave/db';
import { checkDestination, type DestinationPolicy, type DestinationRefusal } from '@dialwave/domain';

/**
 * Part of the pre-dial gate: the destination policy again, just before a dial is claimed. Leads were
 * checked when they were created or imported, but DIAL_ALLOWED_COUNTRIES may have been narrowed since, or
 * the lead may predate the policy; what is dialed is decided by the rules in force at the dial.
 */
export function checkDestinationBeforeDial(call: Pick<Call, 'toNumber'>, policy: DestinationPolicy): DestinationRefusal | undefined {
  return checkDestination(call.toNumber, policy);
}
