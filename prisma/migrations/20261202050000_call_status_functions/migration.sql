-- The status transition as server-side functions, so that a batch of callbacks costs one round trip and one
-- commit instead of one round trip per callback plus BEGIN/COMMIT (packages/domain/src/call-status-statement.ts
-- explains every rule of the statement; it computes the derived values, e.g. the outcome classification,
-- and passes them in `u`). Inside a function each statement takes a fresh snapshot, as separate statements
-- of a READ COMMITTED transaction do, and its plan is cached per connection.

CREATE OR REPLACE FUNCTION dw_call_status_update(u jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
DECLARE
  v_call_id text := u->>'callId';
  v_log_id text := u->>'logId';
  v_event text := u->>'event';
  v_sequence int := (u->>'sequence')::int;
  v_now timestamp := (u->>'now')::timestamp;
  v_below text[] := string_to_array(u->>'below', ',');
  v_status text := u->>'status';
  v_details text := u->>'details';
  v_provider_time text := u->>'providerTime';
  v_data jsonb := u->'data';
  v_sid text := u->>'providerCallSid';
  v_answered_by text := u->>'answeredBy';
  v_sets_answered_at boolean := (u->>'setsAnsweredAt')::boolean;
  v_terminal boolean := (u->>'terminal')::boolean;
  v_duration int := (u->>'duration')::int;
  v_failure_reason text := u->>'failureReason';
  v_recording_url text := u->>'recordingUrl';
  v_last_sequence int := (u->>'lastSequence')::int;
  v_hold_kind text := u->>'holdKind';
  v_hold_reason text := u->>'holdReason';
  v_hold_until timestamp := (u->>'holdUntil')::timestamp;
  v_hold_zone text := u->>'holdZone';
  v_retry_as text := u->>'retryAs';
  v_refused boolean := COALESCE((u->>'refusedByCarrier')::boolean, false);
  v_outcome_human text := u->>'outcomeHuman';
  v_outcome_machine text := u->>'outcomeMachine';
  result jsonb;
BEGIN
  WITH cur AS (
    SELECT c.*, (c."status"::text = ANY (v_below)) AS advances
    FROM "Call" c WHERE c."id" = v_call_id FOR UPDATE
  ),
  ins AS (
    INSERT INTO "CallLog" ("id", "callId", "campaignId", "event", "sequence", "timestamp", "details", "data")
    SELECT v_log_id, cur."id", cur."campaignId", v_event, v_sequence, v_now,
      concat_ws('; ',
        NULLIF(CASE WHEN cur.advances THEN COALESCE(v_details, cur."status"::text || ' → ' || v_status)
                    ELSE 'ignored: ' || v_status || ' after ' || cur."status"::text END, ''),
        v_provider_time),
      v_data
    FROM cur
    ON CONFLICT ("callId", "event", "sequence") DO NOTHING
    RETURNING "callId"
  ),
  decision AS (
    SELECT cur."id", (cur.advances AND EXISTS (SELECT 1 FROM ins)) AS apply FROM cur
  ),
  upd AS (
    UPDATE "Call" c SET
      "providerCallSid" = COALESCE(c."providerCallSid", v_sid),
      "status" = CASE WHEN d.apply THEN v_status::"CallStatus" ELSE c."status" END,
      "answeredBy" = CASE WHEN d.apply THEN COALESCE(v_answered_by, c."answeredBy") ELSE c."answeredBy" END,
      "answeredAt" = CASE WHEN d.apply AND v_sets_answered_at THEN COALESCE(c."answeredAt", v_now) ELSE c."answeredAt" END,
      "endedAt" = CASE WHEN d.apply AND v_terminal THEN v_now ELSE c."endedAt" END,
      "durationSeconds" = CASE WHEN d.apply AND v_terminal THEN v_duration ELSE c."durationSeconds" END,
      "failureReason" = CASE WHEN d.apply THEN COALESCE(v_failure_reason, c."failureReason") ELSE c."failureReason" END,
      "recordingUrl" = CASE WHEN d.apply THEN COALESCE(v_recording_url, c."recordingUrl") ELSE c."recordingUrl" END,
      "lastSequence" = CASE WHEN d.apply THEN COALESCE(v_last_sequence, c."lastSequence") ELSE c."lastSequence" END,
      "updatedAt" = v_now
    FROM decision d
    WHERE c."id" = d."id" AND (d.apply OR (c."providerCallSid" IS NULL AND v_sid IS NOT NULL))
    RETURNING c.*, d.apply,
      (COALESCE(c."answeredBy", '') LIKE 'machine%' OR c."answeredBy" = 'fax') AS machine
  ),
  fate AS (
    SELECT cl."id", cl."campaignId",
      CASE
        WHEN v_hold_kind = 'skip' THEN 'skip'
        WHEN v_hold_kind = 'defer' THEN 'defer'
        WHEN v_retry_as = ANY (k."retryOn") AND cl."attempts" - cl."deferrals" < k."retryMaxAttempts" THEN 'retry'
        ELSE 'final'
      END AS fate,
      k."retryDelaySeconds" AS delay
    FROM upd
    JOIN "CampaignLead" cl ON cl."campaignId" = upd."campaignId" AND cl."leadId" = upd."leadId"
    JOIN "Campaign" k ON k."id" = upd."campaignId"
    WHERE v_terminal AND upd.apply AND cl."lastCallId" = upd."id" AND cl."state" NOT IN ('DONE', 'SKIPPED')
  ),
  done AS (
    UPDATE "CampaignLead" cl SET
      "state" = (CASE f.fate WHEN 'final' THEN 'DONE' WHEN 'skip' THEN 'SKIPPED' ELSE 'PENDING' END)::"CampaignLeadState",
      "nextEligibleAt" = CASE f.fate
        WHEN 'retry' THEN v_now + make_interval(secs => f.delay)
        WHEN 'defer' THEN v_hold_until
        ELSE cl."nextEligibleAt" END,
      "waitReason" = CASE f.fate WHEN 'retry' THEN 'retry' WHEN 'final' THEN NULL ELSE v_hold_reason END,
      "waitZone" = CASE f.fate WHEN 'defer' THEN v_hold_zone ELSE NULL END,
      "deferrals" = cl."deferrals" + (CASE f.fate WHEN 'defer' THEN 1 ELSE 0 END),
      "updatedAt" = v_now
    FROM fate f
    WHERE cl."id" = f."id"
    RETURNING cl."campaignId", f.fate
  ),
  lead AS (
    UPDATE "Lead" l SET
      "lastCallAt" = CASE WHEN v_hold_kind IS NULL THEN v_now ELSE l."lastCallAt" END,
      "attempts" = l."attempts" + (CASE WHEN v_terminal AND upd."direction" = 'OUTBOUND' AND v_hold_kind IS NULL THEN 1 ELSE 0 END),
      "status" = CASE
        WHEN l."status" = 'DO_NOT_CALL' OR f.fate IS DISTINCT FROM 'final' THEN l."status"
        WHEN v_refused THEN 'BAD_NUMBER'::"LeadStatus"
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
      CASE WHEN (SELECT machine FROM upd) THEN v_outcome_machine ELSE v_outcome_human END AS outcome
  ),
  camp AS (
    UPDATE "Campaign" c SET
      "completedLeads" = c."completedLeads" + (CASE WHEN n.fate = 'final' THEN 1 ELSE 0 END),
      "skippedLeads" = c."skippedLeads" + (CASE WHEN n.fate = 'skip' THEN 1 ELSE 0 END),
      "successfulCalls" = c."successfulCalls" + (CASE WHEN n.fate = 'final' AND n.outcome = 'successful' THEN 1 ELSE 0 END),
      "voicemailCalls" = c."voicemailCalls" + (CASE WHEN n.fate = 'final' AND n.outcome = 'voicemail' THEN 1 ELSE 0 END),
      "totalTalkSeconds" = c."totalTalkSeconds" + (CASE WHEN n.fate = 'final' AND n.outcome = 'successful' THEN COALESCE(v_duration, 0) ELSE 0 END),
      "missedCalls" = c."missedCalls" + (CASE WHEN n.fate = 'final' AND n.outcome = 'missed' THEN 1 ELSE 0 END),
      "failedCalls" = c."failedCalls" + (CASE WHEN n.fate = 'final' AND n.outcome = 'failed' THEN 1 ELSE 0 END),
      "status" = CASE WHEN k.completes THEN 'COMPLETED'::"CampaignStatus" ELSE c."status" END,
      "completedAt" = CASE WHEN k.completes THEN v_now ELSE c."completedAt" END
    FROM camp_locked k, counted n
    WHERE c."id" = k."id"
    RETURNING c.*, k.completes
  )
  SELECT jsonb_build_object(
    'found', EXISTS (SELECT 1 FROM cur),
    'logged', EXISTS (SELECT 1 FROM ins),
    'applied', COALESCE((SELECT apply FROM upd), false),
    'call', COALESCE((SELECT to_jsonb(upd) - 'apply' - 'machine' FROM upd), (SELECT to_jsonb(cur) - 'advances' FROM cur)),
    'campaign', (SELECT to_jsonb(camp) - 'completes' FROM camp),
    'completed', (SELECT completes FROM camp),
    'fate', (SELECT fate FROM done),
    'first_name', (SELECT "firstName" FROM lead),
    'last_name', (SELECT "lastName" FROM lead)
  ) INTO result;
  RETURN result;
END
$fn$;

-- A batch in one call: the row locks first, in one fixed order (every Call row of the batch by id, then
-- their Campaign rows by id, FOR UPDATE as the statement needs them), so that no writer waits for a lock
-- "behind" one it holds; then each update in the order given. Returns one result per update, in order.
CREATE OR REPLACE FUNCTION dw_call_status_batch(us jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
DECLARE
  ids text[];
  results jsonb[] := '{}';
  u jsonb;
BEGIN
  SELECT array_agg(DISTINCT e->>'callId') INTO ids FROM jsonb_array_elements(us) AS e;
  PERFORM 1 FROM "Call" WHERE "id" = ANY (ids) ORDER BY "id" FOR UPDATE;
  PERFORM 1 FROM "Campaign"
    WHERE "id" IN (SELECT "campaignId" FROM "Call" WHERE "id" = ANY (ids) AND "campaignId" IS NOT NULL)
    ORDER BY "id" FOR UPDATE;
  FOR u IN SELECT e FROM jsonb_array_elements(us) WITH ORDINALITY AS t(e, ord) ORDER BY ord LOOP
    results := results || dw_call_status_update(u);
  END LOOP;
  RETURN to_jsonb(results);
END
$fn$;
