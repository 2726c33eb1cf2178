import type { Db, DbTransaction } from '@dialwave/db';

/*
 * Transaction-scoped advisory locks of the hopper, released at commit or rollback. The campaign lock uses
 * the one-key form; tenant and number locks the two-key form with a namespace of their own, and Postgres
 * keeps the two forms apart, so no key of one kind can ever block a key of another.
 * Lock order, wherever several are taken: tenant, then campaign. The number lock is taken alone.
 */
const TENANT_LOCK_SPACE = 9001;
const NUMBER_LOCK_SPACE = 9002;

/** Serialises writers of one campaign's hopper. */
export async function lockCampaign(tx: DbTransaction, campaignId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${campaignId}))) AS l`;
}

/**
 * Serialises the top-ups of one user's campaigns (so TENANT_MAX_CONCURRENT_CALLS holds across every
 * replica), then takes the campaign's own lock; one round trip.
 */
export async function lockTenantAndCampaign(tx: DbTransaction, userId: string, campaignId: string): Promise<void> {
  // A target list is evaluated left to right, so the tenant lock is held before the campaign lock is asked for.
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${TENANT_LOCK_SPACE}::int, hashtext(${userId})) AS t,
    pg_advisory_xact_lock(hashtext(${campaignId})) AS c) AS l`;
}

/**
 * Serialises everything that decides whether one user's number may be dialed: adding it to the do-not-call
 * list and claiming a dial to it. A claim that commits first is dialed; an add that commits first is seen by
 * every later claim.
 */
export async function lockNumber(tx: DbTransaction, userId: string, phone: string): Promise<void> {
  await numberLockStatement(tx, userId, phone);
}

/** lockNumber as a statement for a batch transaction (`prisma.$transaction([...])`), which costs less than an interactive one. */
export function numberLockStatement(db: Db | DbTransaction, userId: string, phone: string) {
  return db.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${NUMBER_LOCK_SPACE}::int, hashtext(${`${userId}:${phone}`}))) AS l`;
}

/**
 * lockNumber for many numbers in one round trip (a do-not-call import). Taken in sorted order, so two
 * imports sharing numbers cannot deadlock; a gate holds one number lock at a time.
 */
export async function lockNumbers(tx: DbTransaction, userId: string, sortedPhones: readonly string[]): Promise<void> {
  await tx.$queryRaw`SELECT count(*)::int AS locked FROM (
    SELECT pg_advisory_xact_lock(${NUMBER_LOCK_SPACE}::int, hashtext(${userId} || ':' || p.phone))
    FROM unnest(${[...sortedPhones]}::text[]) WITH ORDINALITY AS p(phone, ord) ORDER BY p.ord) AS l`;
}
