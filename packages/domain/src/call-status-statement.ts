import { randomUUID } from 'node:crypto';
import type { TCallStatus } from '@dialwave/contracts';
import { Prisma, type Call, type Campaign, type Db } from '@dialwave/db';
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
}

interface StatementRow {
  found: boolean;
  logged: boolean;
  applied: boolean;
  call: Record<string, unknown> | null;
  campaign: Record<string, unknown> | null;
  completed: boolean | null;
  first_name: string | null;
  last_name: string | null;
}

const CALL_DATE_FIELDS = ['answeredAt', 'endedAt', 'createdAt', 'updatedAt'] as const;
const CAMPAIGN_DATE_FIELDS = ['createdAt', 'startedAt', 'completedAt'] as const;

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
 * - `done` closes the lead only when this call is its current one and it is not DONE yet: the once-only
 *   guard for the counters.
 * - `camp_locked` locks the campaign before `camp` updates it, so `completes` (computed from the locked,
 *   newest row) is exactly the change `camp` makes: the campaign completes once, from RUNNING or PAUSED.
 * Timestamps are ISO strings cast to `timestamp`, which keeps UTC like Prisma's own writes. The leading
 * comment makes it a prepared statement (see createPrismaClient): Postgres plans it once per connection.
 */
export async function runCallStatusStatement(prisma: Db, input: CallStatusStatementInput): Promise<CallStatusStatementResult> {
  const now = new Date().toISOString();
  const terminal = isTerminalCallStatus(input.status);
  const sequence = input.sequence ?? -1;
  const below = statusesBelow(input.status).join(',');
  const setsAnsweredAt = input.status === 'ANSWERED' || (input.status === 'COMPLETED' && (input.durationSeconds ?? 0) > 0);
  const duration = terminal ? (input.durationSeconds ?? 0) : null;
  const outcome = terminal ? classifyCallOutcome(input.status, duration) : undefined;
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
  RETURNING c.*, d.apply
),
lead AS (
  UPDATE "Lead" l SET "lastCallAt" = ${now}::timestamp
  FROM upd WHERE upd.apply AND l."id" = upd."leadId"
  RETURNING l."firstName", l."lastName"
),
done AS (
  UPDATE "CampaignLead" cl SET "state" = 'DONE', "updatedAt" = ${now}::timestamp
  FROM upd
  WHERE ${terminal}::boolean AND upd.apply AND cl."campaignId" = upd."campaignId" AND cl."leadId" = upd."leadId"
    AND cl."lastCallId" = upd."id" AND cl."state" <> 'DONE'
  RETURNING cl."campaignId"
),
camp_locked AS (
  SELECT c."id", (c."status" IN ('RUNNING', 'PAUSED') AND c."completedLeads" + 1 = c."totalLeads") AS completes
  FROM "Campaign" c WHERE c."id" = (SELECT "campaignId" FROM done) FOR UPDATE
),
camp AS (
  UPDATE "Campaign" c SET
    "completedLeads" = c."completedLeads" + 1,
    "successfulCalls" = c."successfulCalls" + ${outcome === 'successful' ? 1 : 0}::int,
    "totalTalkSeconds" = c."totalTalkSeconds" + ${outcome === 'successful' ? (duration ?? 0) : 0}::int,
    "missedCalls" = c."missedCalls" + ${outcome === 'missed' ? 1 : 0}::int,
    "failedCalls" = c."failedCalls" + ${outcome === 'failed' ? 1 : 0}::int,
    "status" = CASE WHEN k.completes THEN 'COMPLETED'::"CampaignStatus" ELSE c."status" END,
    "completedAt" = CASE WHEN k.completes THEN ${now}::timestamp ELSE c."completedAt" END
  FROM camp_locked k
  WHERE c."id" = k."id"
  RETURNING c.*, k.completes
)
SELECT
  EXISTS (SELECT 1 FROM cur) AS found,
  EXISTS (SELECT 1 FROM ins) AS logged,
  COALESCE((SELECT apply FROM upd), false) AS applied,
  COALESCE((SELECT to_jsonb(upd) - 'apply' FROM upd), (SELECT to_jsonb(cur) - 'advances' FROM cur)) AS call,
  (SELECT to_jsonb(camp) - 'completes' FROM camp) AS campaign,
  (SELECT completes FROM camp) AS completed,
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
    ...(row.first_name !== null ? { leadName: [row.first_name, row.last_name].filter(Boolean).join(' ') } : {}),
  };
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
