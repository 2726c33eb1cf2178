-- Two rules of the hopper as SQL functions, so that the domain's queries call them by name instead of composing
-- Prisma.sql fragments (packages/domain uses no Prisma query builder). Both are set-returning, LANGUAGE sql,
-- STABLE, one SELECT: the planner inlines them into the calling query, which then plans as the fragments did.

-- The leads of a user that may enter a campaign: not marked DO_NOT_CALL, and their number not on the owner's
-- do-not-call list.
CREATE OR REPLACE FUNCTION dw_callable_leads(p_user_id text) RETURNS SETOF "Lead"
LANGUAGE sql STABLE AS $fn$
  SELECT l.* FROM "Lead" l
  WHERE l."userId" = p_user_id AND l."status" <> 'DO_NOT_CALL'
    AND NOT EXISTS (SELECT 1 FROM "DncEntry" d WHERE d."userId" = l."userId" AND d."phone" = l."phone")
$fn$;

-- A campaign's PENDING leads whose time has come, in dial order, with what eligibility needs: the number and
-- zone, and when the number's rolling 24 h of calls next has room (`capFreesAt`; null: it has room now).
-- Calls held back at the dial (CANCELED without ever reaching the carrier) do not count.
CREATE OR REPLACE FUNCTION dw_hopper_candidates(p_campaign_id text, p_user_id text, p_now timestamp, p_cap_start timestamp, p_daily_cap int)
RETURNS TABLE ("id" text, "leadId" text, "phone" text, "timezone" text, "capFreesAt" timestamp)
LANGUAGE sql STABLE AS $fn$
  SELECT cl."id", cl."leadId", l."phone", l."timezone",
    (SELECT k."createdAt" + interval '24 hours' FROM "Call" k
      WHERE k."leadId" = cl."leadId" AND k."userId" = p_user_id AND k."direction" = 'OUTBOUND'
        AND k."createdAt" > p_cap_start AND NOT (k."status" = 'CANCELED' AND k."providerCallSid" IS NULL)
      ORDER BY k."createdAt" DESC OFFSET p_daily_cap - 1 LIMIT 1)::timestamp
  FROM "CampaignLead" cl JOIN "Lead" l ON l."id" = cl."leadId"
  WHERE cl."campaignId" = p_campaign_id AND cl."state" = 'PENDING' AND cl."nextEligibleAt" <= p_now
  ORDER BY cl."nextEligibleAt", cl."position"
$fn$;
