-- An agent's fromNumber is unique across the deployment: two tenants holding one number let one receive
-- the other's inbound callers and call out under the other's caller id. Inbound calls already went to the
-- oldest agent of a shared number, so that agent keeps it; every later holder's number is marked
-- "<number> (duplicate, <agent id>)", which is no phone number (it dials nothing and receives nothing)
-- and is unique, until its owner sets a number of their own through PATCH /api/agents/:id.
UPDATE "Agent" AS a
SET "fromNumber" = a."fromNumber" || ' (duplicate, ' || a."id" || ')'
FROM (
    SELECT "id", row_number() OVER (PARTITION BY "fromNumber" ORDER BY "createdAt", "id") AS holder
    FROM "Agent"
) AS ranked
WHERE a."id" = ranked."id" AND ranked.holder > 1;

-- DropIndex
DROP INDEX "Agent_fromNumber_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Agent_fromNumber_key" ON "Agent"("fromNumber");
