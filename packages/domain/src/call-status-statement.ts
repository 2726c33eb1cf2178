import { randomUUID } from 'node:crypto';
import type { TCallStatus, TRetryableOutcome } from '@dialwave/contracts';
import type { Call, Campaign, Db, DbTransaction } from '@dialwave/db';
import { classifyCallOutcome } from './call-outcome';
import type { CallStatusUpdate } from './call-status-update-input';
import { isTerminalCallStatus, statusesBelow } from './call-status';

/** What the one statement needs to know about an update: the update itself. */
export type CallStatusStatementInput = CallStatusUpdate;

export interface CallStatusStatementResult {
  found: boolean;
  /** The CallLog row was new (false: a redelivery of the same callId + event + sequence). */
  logged: boolean;
  /** The status moved forward. */
  applied: boolean;
  /** The row after the statement (before it when nothing was written). */
  call?: Call;
  /** Set only when this update ended the lead's current call, so the counters moved. */
  campaign?: Campaign;
  campaignCompleted: boolean;
  /** "First Last" of the call's lead when the status moved and the call has a lead. */
  leadName?: string;
  /** What this call's end did to its campaign lead, when it was the lead's current call. */
  leadFate?: LeadFate;
}

/** final: DONE and counted; retry: PENDING until the retry delay; defer: PENDING until later; skip: SKIPPED. */
export type LeadFate = 'final' | 'retry' | 'defer' | 'skip';

interface StatementRow {
  found: boolean;
  logged: boolean;
  applied: boolean;
  call: Record<string, unknown> | null;
  campaign: Record<string, unknown> | null;
  completed: boolean | null;
  fate: LeadFate | null;
  first_name: string | null;
  last_name: string | null;
}

const CALL_DATE_FIELDS = ['answeredAt', 'endedAt', 'createdAt', 'updatedAt'] as const;
const CAMPAIGN_DATE_FIELDS = ['createdAt', 'startedAt', 'completedAt', 'startAt', 'tenantHeldAt'] as const;

/**
 * The whole status transition as one SQL statement, so it is atomic without BEGIN/COMMIT and costs one
 * round trip. The statement lives in the database as the function `dw_call_status_update` (migration
 * `20261202050000_call_status_functions`), so that a batch of updates (runCallStatusBatch) runs in one
 * round trip too; the derived values (ranks, the outcome classification, the retry outcome) are computed
 * here, where their rules live, and passed in. Every rule of applyCallStatusUpdate is in it:
 * - `cur` locks the call row first (FOR UPDATE returns the newest committed version once the lock is
 *   granted), so writers of one call are serialised and the CallLog foreign key's key-share lock and the
 *   unique providerCallSid change never deadlock against another writer.
 * - `ins` records the event once per (callId, event, sequence); a conflict means a duplicate.
 * - `upd` is one UPDATE of the call (a statement may change a row only once): the provider sid when the row
 *   has none (even from a stale or duplicate update), and the status fields only when the event is new and
 *   the status ranks above the locked row's.
 * - `fate` decides, only when this call is its lead's current one and the lead is still open (the once-only
 *   guard for the counters), what the call's end means for the lead: `retry` (its outcome is in the
 *   campaign's retry list and it has dials left: PENDING again after the delay, nothing counted), `defer` /
 *   `skip` (the pre-dial gate held the dial back: PENDING until later, or SKIPPED), or `final` (DONE).
 * - `lead` keeps the lead's lifecycle: lastCallAt and attempts for every dialed call; its status from the
 *   final outcome (CONTACTED, VOICEMAIL, NO_ANSWER, BAD_NUMBER; DO_NOT_CALL is never overwritten).
 * - `camp_locked` locks the campaign before `camp` updates it, so `completes` (computed from the locked,
 *   newest row) is exactly the change `camp` makes: the campaign completes once, from RUNNING or PAUSED,
 *   when every lead is DONE or SKIPPED — a lead waiting for its window or a retry keeps it running.
 * Timestamps are ISO strings cast to `timestamp`, which keeps UTC like Prisma's own writes. The leading
 * comment makes the call a prepared statement (see createPrismaClient).
 */
export async function runCallStatusStatement(
  prisma: Db | DbTransaction,
  input: CallStatusStatementInput,
): Promise<CallStatusStatementResult> {
  const rows = await prisma.$queryRaw<{ r: StatementRow }[]>`/* prepared:dw_call_status_update */
SELECT dw_call_status_update(${JSON.stringify(statementParams(input))}::jsonb) AS r`;
  return toResult(rows[0]!.r);
}

/**
 * Group commit: the statement for each update in the order given, in one function call (one round trip,
 * one commit), with every Call row of the batch and then their Campaign rows locked up front in id order
 * (dw_call_status_batch), so that a batch never waits for a lock "behind" one it holds. Atomic: a batch
 * that fails (a deadlock with a writer that locks in another order) changed nothing.
 */
export async function runCallStatusBatch(prisma: Db, inputs: readonly CallStatusStatementInput[]): Promise<CallStatusStatementResult[]> {
  const rows = await prisma.$queryRaw<{ r: StatementRow[] }[]>`/* prepared:dw_call_status_batch */
SELECT dw_call_status_batch(${JSON.stringify(inputs.map(statementParams))}::jsonb) AS r`;
  return rows[0]!.r.map(toResult);
}

/** What dw_call_status_update reads from its `u` argument. */
function statementParams(input: CallStatusStatementInput): Record<string, unknown> {
  const terminal = isTerminalCallStatus(input.status);
  const duration = terminal ? (input.durationSeconds ?? 0) : null;
  const hold = input.hold;
  return {
    callId: input.callId,
    logId: randomUUID(),
    event: input.event,
    sequence: input.sequence ?? -1,
    now: (input.receivedAt ?? new Date()).toISOString(),
    below: statusesBelow(input.status).join(','),
    status: input.status,
    details: input.details ?? null,
    providerTime: input.occurredAt ? `provider time ${input.occurredAt.toISOString()}` : null,
    data: input.raw === undefined ? null : input.raw,
    providerCallSid: input.providerCallSid ?? null,
    answeredBy: input.answeredBy ?? null,
    setsAnsweredAt: input.status === 'ANSWERED' || (input.status === 'COMPLETED' && (input.durationSeconds ?? 0) > 0),
    terminal,
    duration,
    failureReason: input.failureReason ?? null,
    recordingUrl: input.recordingUrl ?? null,
    lastSequence: input.sequence !== undefined && input.sequence >= 0 ? input.sequence : null,
    holdKind: hold?.kind ?? null,
    holdReason: hold?.reason ?? null,
    holdUntil: hold?.kind === 'defer' ? hold.until.toISOString() : null,
    holdZone: hold?.kind === 'defer' ? hold.zone : null,
    // The counting rule lives in contracts; the statement picks the person's or the machine's outcome once
    // it knows who answered (the AnsweredBy may have come with an earlier callback).
    retryAs: terminal ? retryOutcomeOf(input.status, input.refusedByCarrier === true) : null,
    refusedByCarrier: input.refusedByCarrier === true,
    outcomeHuman: terminal ? classifyCallOutcome(input.status, duration, 'human') : null,
    outcomeMachine: terminal ? classifyCallOutcome(input.status, duration, 'machine_start') : null,
  };
}

function toResult(row: StatementRow): CallStatusStatementResult {
  if (!row.found) return { found: false, logged: false, applied: false, campaignCompleted: false };
  return {
    found: true,
    logged: row.logged,
    applied: row.applied,
    call: reviveDates(row.call!, CALL_DATE_FIELDS) as unknown as Call,
    ...(row.campaign ? { campaign: reviveDates(row.campaign, CAMPAIGN_DATE_FIELDS) as unknown as Campaign } : {}),
    campaignCompleted: row.completed === true,
    ...(row.fate ? { leadFate: row.fate } : {}),
    ...(row.first_name !== null ? { leadName: [row.first_name, row.last_name].filter(Boolean).join(' ') } : {}),
  };
}

/**
 * Which retry outcome (`retry.on` of the campaign) a call's end is: BUSY, MISSED, or FAILED — except a
 * number the carrier refused as invalid, which no retry can fix. Answered calls are never retried.
 */
export function retryOutcomeOf(status: TCallStatus, refusedByCarrier: boolean): TRetryableOutcome | null {
  if (status === 'BUSY' || status === 'MISSED') return status;
  if (status === 'FAILED') return refusedByCarrier ? null : 'FAILED';
  return null;
}

/** to_jsonb writes a `timestamp` as `2026-11-25T12:00:00.123` (UTC, no zone); Prisma's rows carry Dates. */
function reviveDates(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const revived = { ...row };
  for (const field of fields) {
    const value = revived[field];
    if (typeof value === 'string') revived[field] = new Date(`${value}Z`);
  }
  return revived;
}
