import { ZAnsweringMachineActionSchema, ZCallingWindowsSchema, type TAnsweringMachineAction } from '@dialwave/contracts';
import type { Call, Db } from '@dialwave/db';
import { decideEligibility, numberLockStatement, type DestinationPolicy, type DialHold, type DialingLimits } from '@dialwave/domain';
import { checkDestinationBeforeDial } from './destination-check';
import { DIAL_REQUESTED_EVENT } from '../dial.repository';
import { readGateFacts, type GateFacts } from './gate-facts';

export type GateResult =
  /** The dial is claimed: send it, with the campaign's answering-machine handling. */
  | { kind: 'claimed'; answeringMachine: TAnsweringMachineAction }
  /** Another run holds this call's claim. */
  | { kind: 'claimed-elsewhere' }
  /** Not dialed: the hold to apply as the call's end, and what to tell a person about it. */
  | GateRefusal;

export interface GateRefusal {
  kind: 'held';
  hold: DialHold;
  message: string;
}

export interface GateRules {
  limits: DialingLimits;
  destinationPolicy: DestinationPolicy;
}

type Refusal = GateRefusal;

/**
 * The pre-dial gate, the last word before a dial: what can change after a lead was queued is checked again —
 * the destination policy (DIAL_ALLOWED_COUNTRIES may have been narrowed), the do-not-call list, the daily
 * cap (another campaign of the user may have called the number meanwhile) and the calling window (a job can
 * wait in the queue past its window's last minute). Each check is a named function, on one read of the
 * facts. The do-not-call check is repeated in the transaction that claims the dial, under the number's
 * advisory lock, which adding a number also takes: a number added while its lead waited in the hopper is
 * never dialed once the add has committed.
 */
export async function claimDialThroughGate(prisma: Db, call: Call, rules: GateRules, now: Date = new Date()): Promise<GateResult> {
  const destination = destinationCheck(call, rules.destinationPolicy);
  if (destination) return destination;
  const facts = await readGateFacts(prisma, call, rules.limits.maxCallsPerNumberPerDay, now);
  const refusal = doNotCallCheck(call, facts) ?? callingHoursAndCapCheck(call, facts, now);
  if (refusal) return refusal;
  const claim = await claimUnlessOnDncList(prisma, call);
  if (claim.listed) return doNotCallCheck(call, { onDncList: true })!;
  const answeringMachine = ZAnsweringMachineActionSchema.catch('continue').parse(facts.answeringMachine);
  return claim.claimed ? { kind: 'claimed', answeringMachine } : { kind: 'claimed-elsewhere' };
}

/**
 * The claim of dial.repository's claimDial (a `dial:requested` CallLog row, unique per call), written only
 * when the number is not on the do-not-call list, in one batch transaction that holds the number lock:
 * BEGIN, lock, one statement, COMMIT.
 */
async function claimUnlessOnDncList(prisma: Db, call: Call): Promise<{ listed: boolean; claimed: boolean }> {
  const [, rows] = await prisma.$transaction([
    numberLockStatement(prisma, call.userId, call.toNumber),
    prisma.$queryRaw<{ listed: boolean; claimed: boolean }[]>`
      WITH dnc AS (
        SELECT EXISTS (SELECT 1 FROM "DncEntry" d WHERE d."userId" = ${call.userId} AND d."phone" = ${call.toNumber}) AS listed
      ),
      ins AS (
        INSERT INTO "CallLog" ("id", "callId", "campaignId", "event", "sequence", "timestamp", "details")
        SELECT gen_random_uuid()::text, ${call.id}, ${call.campaignId}, ${DIAL_REQUESTED_EVENT}, 0, ${new Date().toISOString()}::timestamp, 'dial request sent to the carrier'
        FROM dnc WHERE NOT dnc.listed
        ON CONFLICT ("callId", "event", "sequence") DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT listed FROM dnc) AS listed, EXISTS (SELECT 1 FROM ins) AS claimed`,
  ]);
  return rows[0]!;
}

/** A destination the deployment does not dial (destination-check.ts): the lead ends SKIPPED with the reason. */
export function destinationCheck(call: Pick<Call, 'toNumber'>, policy: DestinationPolicy): Refusal | undefined {
  const refusal = checkDestinationBeforeDial(call, policy);
  return refusal ? { kind: 'held', hold: { kind: 'skip', reason: refusal.reason }, message: refusal.message } : undefined;
}

/** A number on the user's do-not-call list is never dialed: the lead ends SKIPPED (reason `dnc`). */
export function doNotCallCheck(call: Pick<Call, 'toNumber'>, facts: Pick<GateFacts, 'onDncList'>): Refusal | undefined {
  if (!facts.onDncList) return undefined;
  return { kind: 'held', hold: { kind: 'skip', reason: 'dnc' }, message: `${call.toNumber} is on the do-not-call list` };
}

/**
 * The hopper's eligibility rule again (lead-eligibility.ts, the one place it lives): a window that has
 * closed or entered its last minute, or a number at the daily cap, sends the lead back to wait.
 */
export function callingHoursAndCapCheck(call: Pick<Call, 'toNumber'>, facts: GateFacts, now: Date): Refusal | undefined {
  const windows = facts.callingWindows ? ZCallingWindowsSchema.parse(facts.callingWindows) : null;
  const decision = decideEligibility(
    now,
    { windows, timezone: facts.campaignTimezone },
    { phone: facts.leadPhone ?? call.toNumber, timezone: facts.leadTimezone },
    facts.capFreesAt,
  );
  if (decision.eligible) return undefined;
  const why = decision.reason === 'daily_cap' ? 'the number reached its daily call cap' : 'its calling window is closed or closing';
  return {
    kind: 'held',
    hold: { kind: 'defer', reason: decision.reason, until: decision.until, zone: decision.zone },
    message: `${why}; the lead waits until ${decision.until.toISOString()}`,
  };
}
