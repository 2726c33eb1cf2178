import { uniqueAgentNumber } from '@dialwave/testkit';
import type { Db } from '@dialwave/db';

export interface SeededCall {
  callId: string;
  callSid: string;
  to: string;
}

export interface SeededCampaign {
  userId: string;
  agentId: string;
  campaignId: string;
  calls: SeededCall[];
}

export const BENCH_FROM_NUMBER = '+14155550100';

/** A user and a simulator agent, written directly: the ingest benchmark runs without campaign-api. */
export async function insertTenant(prisma: Db): Promise<{ userId: string; agentId: string }> {
  const user = await prisma.user.create({
    data: { email: `bench-ingest-${Date.now()}@example.com`, passwordHash: 'not-a-real-hash', name: 'Bench ingest' },
  });
  const agent = await prisma.agent.create({
    data: { userId: user.id, name: 'Bench agent', provider: 'SIMULATOR', fromNumber: uniqueAgentNumber() },
  });
  return { userId: user.id, agentId: agent.id };
}

/**
 * A RUNNING campaign with `count` leads, each IN_PROGRESS with one DIALING call that has a provider sid:
 * the state a dialer leaves behind when the carrier accepted the dial and callbacks are about to arrive.
 * Set-wise SQL, so 5,000 calls take a few statements. `phoneOffset` keeps phones unique per user.
 */
export async function insertDialingCampaign(
  prisma: Db,
  tenant: { userId: string; agentId: string },
  count: number,
  phoneOffset: number,
): Promise<SeededCampaign> {
  const campaign = await prisma.campaign.create({
    data: {
      userId: tenant.userId,
      agentId: tenant.agentId,
      name: `bench ingest ${phoneOffset}`,
      status: 'RUNNING',
      totalLeads: count,
      startedAt: new Date(),
    },
  });
  await prisma.$executeRaw`
    INSERT INTO "Lead" ("id", "userId", "firstName", "lastName", "phone", "status", "source", "createdAt")
    SELECT gen_random_uuid()::text, ${tenant.userId}, 'Bench', 'Callback ' || n, '+1415' || (4000000 + ${phoneOffset}::int + n)::text,
           'CONTACTED', 'IMPORT', now() + n * interval '1 microsecond'
    FROM generate_series(1, ${count}::int) AS n`;
  const phoneLow = `+1415${4000000 + phoneOffset + 1}`;
  const phoneHigh = `+1415${4000000 + phoneOffset + count}`;
  await prisma.$executeRaw`
    INSERT INTO "CampaignLead" ("id", "campaignId", "leadId", "position", "state", "attempts", "updatedAt")
    SELECT gen_random_uuid()::text, ${campaign.id}, l."id", row_number() OVER (ORDER BY l."phone"), 'IN_PROGRESS', 1, now()
    FROM "Lead" l
    WHERE l."userId" = ${tenant.userId} AND l."phone" BETWEEN ${phoneLow} AND ${phoneHigh}`;
  const calls = await prisma.$queryRaw<{ id: string; providerCallSid: string; toNumber: string }[]>`
    INSERT INTO "Call" ("id", "userId", "direction", "status", "provider", "providerCallSid", "fromNumber", "toNumber",
                        "campaignId", "leadId", "agentId", "attempt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${tenant.userId}, 'OUTBOUND', 'DIALING', 'SIMULATOR', 'CA' || md5(l."id"), ${BENCH_FROM_NUMBER},
           l."phone", ${campaign.id}, l."id", ${tenant.agentId}, 1, now(), now()
    FROM "Lead" l
    WHERE l."userId" = ${tenant.userId} AND l."phone" BETWEEN ${phoneLow} AND ${phoneHigh}
    ORDER BY l."phone"
    RETURNING "id", "providerCallSid", "toNumber"`;
  await prisma.$executeRaw`UPDATE "CampaignLead" cl SET "lastCallId" = c."id" FROM "Call" c
    WHERE c."campaignId" = ${campaign.id} AND cl."campaignId" = c."campaignId" AND cl."leadId" = c."leadId"`;
  if (calls.length !== count) throw new Error(`seeded ${calls.length} calls, wanted ${count}`);
  return {
    ...tenant,
    campaignId: campaign.id,
    calls: calls.map((row) => ({ callId: row.id, callSid: row.providerCallSid, to: row.toNumber })),
  };
}
