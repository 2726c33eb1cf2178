import { randomUUID } from 'node:crypto';
import type { TCallStatus, TRetryableOutcome } from '@dialwave/contracts';
import { Prisma, type Call, type Campaign, type Db, type DbTransaction } from '@dialwave/db';
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
 * round trip. Every rule of applyCallStatusUpdate is in it:
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
 * comment makes it a prepared statement (see createPrismaClient): Postgres plans it once per connection.
 */
export async function runCallStatusStatement(prisma: Db | DbTransaction, input: CallStatusStatementInput): Promise<CallStatusStatementResult> {
  const now = (input.receivedAt ?? new Date()).toISOString();
  const terminal = isTerminalCallStatus(input.status);
  const sequence = input.sequence ?? -1;
  const below = statusesBelow(input.status).join(',');
  const setsAnsweredAt = input.status === 'ANSWERED' || (input.status === 'COMPLETED' && (input.durationSeconds ?? 0) > 0);
  const duration = terminal ? (input.durationSeconds ?? 0) : null;
  // The counting rule lives in contracts; the statement picks the person's or the machine's outcome once it
  // knows who answered (the AnsweredBy may have come with an earlier callback).
  const outcomeHuman = terminal ? classifyCallOutcome(input.status, duration, 'human') : null;
  const outcomeMachine = terminal ? classifyCallOutcome(input.status, duration, 'machine_start') : null;
  const retryAs = terminal ? retryOutcomeOf(input.status, input.refusedByCarrier === true) : null;
  const hold = input.hold;
  const holdUntil = hold?.kind === 'defer' ? hold.until.toISOString() : null;
  const holdZone = hold?.kind === 'defer' ? hold.zone : null;
  const providerTime = input.occurredAt ? `provider time ${input.occurredAt.toISOString()}` : null;
  const data = JSON.stringify(input.raw === undefined ? null : input.raw);
  const lastSequence = input.sequence !== undefined && input.sequence >= 0 ? input.sequence : null;

  const rows = await prisma.$queryRaw<StatementRow[]>(Prisma.sql`/* prepared:dw_call_status_update */
WITH cur AS (
  SELECT c.*, (c."status"::text = ANY (string_to_array(${below}::text, ','))) AS advances
  FROM "Call" c WHERE c."id" = ${input.callId} FOR UPDATE
),
ins AS (
  INSERT INTO "CallLog" ("id", "callId", "campaignId", "event", "sequence", "timestamp", "details", "data")
  SELECT ${randomUUID()}, cur."id", cur."campaignId", ${input.event}, ${sequence}::int, ${now}::timestamp,
    concat_ws('; ',
      NULLIF(CASE WHEN cur.advances THEN COALESCE(${input.details ?? null}::text, cur."status"::text || ' → ' || ${input.status}::text)
                  ELSE 'ignored: ' || ${input.status}::text || ' after ' || cur."status"::text END, ''),
      ${providerTime}::text),
    ${data}::jsonb
  FROM cur
  ON CONFLICT ("callId", "event", "sequence") DO NOTHING
  RETURNING "callId"
),
decision AS (
  SELECT cur."id", (cur.advances AND EXISTS (SELECT 1 FROM ins)) AS apply FROM cur
),
upd AS (
  UPDATE "Call" c SET
    "providerCallSid" = COALESCE(c."providerCallSid", ${input.providerCallSid ?? null}::text),
    "status" = CASE WHEN d.apply THEN ${input.status}::text::"CallStatus" ELSE c."status" END,
    "answeredBy" = CASE WHEN d.apply THEN COALESCE(${input.answeredBy ?? null}::text, c."answeredBy") ELSE c."answeredBy" END,
    "answeredAt" = CASE WHEN d.apply AND ${setsAnsweredAt}::boolean THEN COALESCE(c."answeredAt", ${now}::timestamp) ELSE c."answeredAt" END,
    "endedAt" = CASE WHEN d.apply AND ${terminal}::boolean THEN ${now}::timestamp ELSE c."endedAt" END,
    "durationSeconds" = CASE WHEN d.apply AND ${terminal}::boolean THEN ${duration}::int ELSE c."durationSeconds" END,
    "failureReason" = CASE WHEN d.apply THEN COALESCE(${input.failureReason ?? null}::text, c."failureReason") ELSE c."failureReason" END,
    "recordingUrl" = CASE WHEN d.apply THEN COALESCE(${input.recordingUrl ?? null}::text, c."recordingUrl") ELSE c."recordingUrl" END,
    "lastSequence" = CASE WHEN d.apply THEN COALESCE(${lastSequence}::int, c."lastSequence") ELSE c."lastSequence" END,
    "updatedAt" = ${now}::timestamp
  FROM decision d
  WHERE c."id" = d."id" AND (d.apply OR (c."providerCallSid" IS NULL AND ${input.providerCallSid ?? null}::text IS NOT NULL))
  RETURNING c.*, d.apply,
    (COALESCE(c."answeredBy", '') LIKE 'machine%' OR c."answeredBy" = 'fax') AS machine
),
fate AS (
  SELECT cl."id", cl."campaignId",
    CASE
      WHEN ${hold?.kind ?? null}::text = 'skip' THEN 'skip'
      WHEN ${hold?.kind ?? null}::text = 'defer' THEN 'defer'
      WHEN ${retryAs}::text = ANY (k."retryOn") AND cl."attempts" - cl."deferrals" < k."retryMaxAttempts" THEN 'retry'
      ELSE 'final'
    END AS fate,
    k."retryDelaySeconds" AS delay
  FROM upd
  JOIN "CampaignLead" cl ON cl."campaignId" = upd."campaignId" AND cl."leadId" = upd."leadId"
  JOIN "Campaign" k ON k."id" = upd."campaignId"
  WHERE ${terminal}::boolean AND upd.apply AND cl."lastCallId" = upd."id" AND cl."state" NOT IN ('DONE', 'SKIPPED')
),
done AS (
  UPDATE "CampaignLead" cl SET
    "state" = (CASE f.fate WHEN 'final' THEN 'DONE' WHEN 'skip' THEN 'SKIPPED' ELSE 'PENDING' END)::"CampaignLeadState",
    "nextEligibleAt" = CASE f.fate
      WHEN 'retry' THEN ${now}::timestamp + make_interval(secs => f.delay)
      WHEN 'defer' THEN ${holdUntil}::timestamp
      ELSE cl."nextEligibleAt" END,
    "waitReason" = CASE f.fate WHEN 'retry' THEN 'retry' WHEN 'final' THEN NULL ELSE ${hold?.reason ?? null}::text END,
    "waitZone" = CASE f.fate WHEN 'defer' THEN ${holdZone}::text ELSE NULL END,
    "deferrals" = cl."deferrals" + (CASE f.fate WHEN 'defer' THEN 1 ELSE 0 END),
    "updatedAt" = ${now}::timestamp
  FROM fate f
  WHERE cl."id" = f."id"
  RETURNING cl."campaignId", f.fate
),
lead AS (
  UPDATE "Lead" l SET
    "lastCallAt" = CASE WHEN ${hold?.kind ?? null}::text IS NULL THEN ${now}::timestamp ELSE l."lastCallAt" END,
    "attempts" = l."attempts" + (CASE WHEN ${terminal}::boolean AND upd."direction" = 'OUTBOUND' AND ${hold?.kind ?? null}::text IS NULL THEN 1 ELSE 0 END),
    "status" = CASE
      WHEN l."status" = 'DO_NOT_CALL' OR f.fate IS DISTINCT FROM 'final' THEN l."status"
      WHEN ${input.refusedByCarrier === true}::boolean THEN 'BAD_NUMBER'::"LeadStatus"
      WHEN upd."status" = 'COMPLETED' AND upd.machine THEN 'VOICEMAIL'::"LeadStatus"
      WHEN upd."status" = 'COMPLETED' AND COALESCE(upd."durationSeconds", 0) > 0 THEN 'CONTACTED'::"LeadStatus"
      WHEN upd."status" IN ('BUSY', 'MISSED') OR upd."status" = 'COMPLETED' THEN 'NO_ANSWER'::"LeadStatus"
      ELSE l."status" END
  FROM upd LEFT JOIN fate f ON true
  WHERE upd.apply AND l."id" = upd."leadId"
  RETURNING l."firstName", l."lastName"
),
camp_locked AS (
  SELECT c."id", (c."status" IN ('RUNNING', 'PAUSED') AND c."completedLeads" + c."skippedLeads" + 1 = c."totalLeads") AS completes
  FROM "Campaign" c WHERE c."id" = (SELECT "campaignId" FROM done WHERE fate IN ('final', 'skip')) FOR UPDATE
),
counted AS (
  SELECT (SELECT fate FROM done) AS fate,
    CASE WHEN (SELECT machine FROM upd) THEN ${outcomeMachine}::text ELSE ${outcomeHuman}::text END AS outcome
),
camp AS (
  UPDATE "Campaign" c SET
    "completedLeads" = c."completedLeads" + (CASE WHEN n.fate = 'final' THEN 1 ELSE 0 END),
    "skippedLeads" = c."skippedLeads" + (CASE WHEN n.fate = 'skip' THEN 1 ELSE 0 END),
    "successfulCalls" = c."successfulCalls" + (CASE WHEN n.fate = 'final' AND n.outcome = 'successful' THEN 1 ELSE 0 END),
    "voicemailCalls" = c."voicemailCalls" + (CASE WHEN n.fate = 'final' AND n.outcome = 'voicemail' THEN 1 ELSE 0 END),
    "totalTalkSeconds" = c."totalTalkSeconds" + (CASE WHEN n.fate = 'final' AND n.outcome = 'successful' THEN ${duration ?? 0}::int ELSE 0 END),
    "missedCalls" = c."missedCalls" + (CASE WHEN n.fate = 'final' AND n.outcome = 'missed' THEN 1 ELSE 0 END),
    "failedCalls" = c."failedCalls" + (CASE WHEN n.fate = 'final' AND n.outcome = 'failed' THEN 1 ELSE 0 END),
    "status" = CASE WHEN k.completes THEN 'COMPLETED'::"CampaignStatus" ELSE c."status" END,
    "completedAt" = CASE WHEN k.completes THEN ${now}::timestamp ELSE c."completedAt" END
  FROM camp_locked k, counted n
  WHERE c."id" = k."id"
  RETURNING c.*, k.completes
)
SELECT
  EXISTS (SELECT 1 FROM cur) AS found,
  EXISTS (SELECT 1 FROM ins) AS logged,
  COALESCE((SELECT apply FROM upd), false) AS applied,
  COALESCE((SELECT to_jsonb(upd) - 'apply' - 'machine' FROM upd), (SELECT to_jsonb(cur) - 'advances' FROM cur)) AS call,
  (SELECT to_jsonb(camp) - 'completes' FROM camp) AS campaign,
  (SELECT completes FROM camp) AS completed,
  (SELECT fate FROM done) AS fate,
  (SELECT "firstName" FROM lead) AS first_name,
  (SELECT "lastName" FROM lead) AS last_name
`);
  const row = rows[0]!;
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
