import { dialJobId, JOB_NAMES, ZCallingWindowsSchema, type TDialJob } from '@dialwave/contracts';
import type { DbTransaction } from '@dialwave/db';
import type { CampaignDeps } from './deps';
import { DAILY_CAP_WINDOW_MS, DEFAULT_DIALING_LIMITS, type DialingLimits } from './dialing-limits';
import { lockTenantAndCampaign } from './hopper-locks';
import { decideEligibility, type EligibilityRules } from './lead-eligibility';

export interface TopUpResult {
  queued: number;
  /** Leads found outside their calling hours or at the daily cap, now waiting with a later nextEligibleAt. */
  deferred: number;
}

/** Candidates read per round trip once the first batch held leads that must wait. */
const CANDIDATE_BATCH = 200;
/**
 * Most candidates one top-up examines. When a window closes for thousands of leads at once, each top-up
 * moves at most this many to their next opening, so a call's end never waits on a long rewrite; the next
 * top-ups and sweeps carry on where this one stopped.
 */
const MAX_CANDIDATES_PER_TOP_UP = 2000;

interface HopperState {
  status: string;
  maxConcurrentCalls: number;
  callingWindows: unknown;
  timezone: string | null;
  tenantHeld: boolean;
  live: number;
  tenantLive: number;
  /** Another RUNNING campaign of the user waits for a slot the tenant cap held back. */
  otherHeld: boolean;
  /** The first candidates, as many as there is room for (none when the campaign is not RUNNING). */
  candidates: Candidate[];
}

interface Candidate {
  id: string;
  leadId: string;
  phone: string;
  timezone: string | null;
  capFreesAt: Date | null;
}

/**
 * Keeps a RUNNING campaign's QUEUED + IN_PROGRESS leads at `maxConcurrentCalls`, and its user's across all
 * campaigns at TENANT_MAX_CONCURRENT_CALLS: marks the next eligible PENDING leads QUEUED (those whose
 * nextEligibleAt has come, oldest first, then by position) and adds one dial job each. A candidate outside
 * its calling hours or at the per-number daily cap is not queued: its nextEligibleAt moves to when it may be
 * dialed, so waiting leads cost no queue jobs. Top-ups of one user are serialised by a tenant advisory lock
 * and those of one campaign by the campaign lock, so both caps hold across every API and dialer replica.
 */
export async function topUpCampaign(
  deps: CampaignDeps,
  campaignId: string,
  options: { userId?: string; now?: Date; yieldToHeld?: boolean } = {},
): Promise<TopUpResult & { yielded?: true }> {
  const limits = deps.limits ?? DEFAULT_DIALING_LIMITS;
  const userId = options.userId ?? (await deps.prisma.campaign.findUnique({ where: { id: campaignId }, select: { userId: true } }))?.userId;
  if (!userId) return { queued: 0, deferred: 0 };
  const now = options.now ?? new Date();

  const { jobs, deferred, yielded } = await deps.prisma.$transaction(async (tx) => {
    await lockTenantAndCampaign(tx, userId, campaignId);
    const state = await readHopperState(tx, campaignId, userId, limits, now);
    if (state?.status !== 'RUNNING') return { jobs: [], deferred: 0 };
    // Held campaigns of the user are served first (topUpAfterCallEnd): nothing is taken here.
    if (options.yieldToHeld && state.otherHeld) return { jobs: [], deferred: 0, yielded: true as const };
    const campaignRoom = state.maxConcurrentCalls - state.live;
    const tenantRoom = limits.tenantMaxConcurrentCalls - state.tenantLive;
    const free = Math.min(campaignRoom, tenantRoom);
    const tenantLimited = campaignRoom > 0 && tenantRoom < campaignRoom;
    if (free <= 0) {
      if (tenantLimited && !state.tenantHeld) await markTenantHeld(tx, campaignId, true, now);
      return { jobs: [], deferred: 0 };
    }

    const rules: EligibilityRules = { windows: parseWindows(state.callingWindows), timezone: state.timezone };
    const chosen: string[] = [];
    const waits: { id: string; until: Date; reason: string; zone: string | null }[] = [];
    let examined = 0;
    let batch = free;
    for (;;) {
      // The first batch came with the state, in the same round trip.
      const candidates =
        examined === 0
          ? state.candidates
          : await readCandidates(tx, campaignId, userId, now, batch, examined, limits.maxCallsPerNumberPerDay);
      for (const candidate of candidates) {
        const decision = decideEligibility(now, rules, candidate, candidate.capFreesAt);
        if (decision.eligible) chosen.push(candidate.id);
        else waits.push({ id: candidate.id, until: decision.until, reason: decision.reason, zone: decision.zone });
        if (chosen.length === free) break;
      }
      examined += candidates.length;
      // Waiting candidates stay PENDING (rewritten after the loop), so the next batch skips past them by offset.
      if (chosen.length === free || candidates.length < batch || examined >= MAX_CANDIDATES_PER_TOP_UP) break;
      batch = CANDIDATE_BATCH;
    }

    if (waits.length > 0) await deferCandidates(tx, waits);
    const queued = chosen.length > 0 ? await queueCandidates(tx, chosen) : [];
    // Held back by the tenant cap: this campaign is served first when one of the user's slots frees.
    const held = tenantLimited && queued.length === free;
    if (held !== state.tenantHeld) await markTenantHeld(tx, campaignId, held, now);
    return { jobs: queued.map((row) => ({ campaignId, leadId: row.leadId, attempt: row.attempts })), deferred: waits.length };
  });
  // Added after commit: a crash in between leaves leads QUEUED without a job, which the sweep re-adds
  // (requeueQueuedLeads); the deterministic job id makes that second add a no-op when the job exists.
  await addDialJobs(deps, jobs);
  if (deferred > 0) deps.logger.info({ campaignId, deferred }, 'leads wait for their calling hours or the daily cap');
  return { queued: jobs.length, deferred, ...(yielded ? { yielded } : {}) };
}

/**
 * Tops up the user's RUNNING campaigns that the tenant cap held back, oldest hold first: called when one of
 * the user's slots frees (a call ended, a campaign paused or was canceled), before the campaign that freed
 * it takes it back, so a busy campaign cannot starve the user's others.
 */
export async function topUpHeldCampaigns(deps: CampaignDeps, userId: string, exceptCampaignId?: string): Promise<number> {
  const held = await deps.prisma.campaign.findMany({
    where: { userId, status: 'RUNNING', tenantHeldAt: { not: null }, ...(exceptCampaignId ? { id: { not: exceptCampaignId } } : {}) },
    orderBy: { tenantHeldAt: 'asc' },
    select: { id: true },
  });
  let queued = 0;
  for (const campaign of held) queued += (await topUpCampaign(deps, campaign.id, { userId })).queued;
  return queued;
}

/**
 * A call of the campaign ended: the user's held campaigns are served, then this one takes its next lead.
 * This campaign's top-up runs first and learns, under the tenant lock, whether any campaign is held: almost
 * never, and then the slot is refilled in one transaction; otherwise it takes nothing and the held ones go
 * first.
 */
export async function topUpAfterCallEnd(deps: CampaignDeps, campaignId: string, userId: string): Promise<TopUpResult> {
  const result = await topUpCampaign(deps, campaignId, { userId, yieldToHeld: true });
  if (!result.yielded) return result;
  await topUpHeldCampaigns(deps, userId, campaignId);
  return topUpCampaign(deps, campaignId, { userId });
}

/** Re-adds jobs for leads left QUEUED (e.g. by a crash between commit and enqueue). */
export async function requeueQueuedLeads(deps: CampaignDeps, campaignId: string): Promise<number> {
  const queued = await deps.prisma.campaignLead.findMany({
    where: { campaignId, state: 'QUEUED', campaign: { status: 'RUNNING' } },
    select: { leadId: true, attempts: true },
  });
  await addDialJobs(
    deps,
    queued.map((row) => ({ campaignId, leadId: row.leadId, attempt: row.attempts })),
  );
  return queued.length;
}

async function addDialJobs(deps: CampaignDeps, jobs: Omit<TDialJob, 'v'>[]): Promise<void> {
  if (jobs.length === 0) return;
  await deps.dialQueue.addBulk(
    jobs.map((job) => ({
      name: JOB_NAMES.dialLead,
      data: { v: 1 as const, ...job },
      opts: { jobId: dialJobId(job.campaignId, job.leadId, job.attempt) },
    })),
  );
}

/**
 * Read after the locks are held (a statement's snapshot is taken when it starts). Brings the first
 * candidates along (readCandidates' query, limited to the room the state leaves), so that a top-up whose
 * candidates are all eligible, the usual case, reads once.
 */
async function readHopperState(
  tx: DbTransaction,
  campaignId: string,
  userId: string,
  limits: DialingLimits,
  now: Date,
): Promise<HopperState | undefined> {
  const args = candidateArgs(now, limits.maxCallsPerNumberPerDay);
  const rows = await tx.$queryRaw<(Omit<HopperState, 'candidates'> & { candidates: RawCandidate[] | null })[]>`
    WITH st AS (
      SELECT c."status"::text AS status, c."maxConcurrentCalls" AS "maxConcurrentCalls", c."callingWindows" AS "callingWindows",
        c."timezone" AS timezone, (c."tenantHeldAt" IS NOT NULL) AS "tenantHeld",
        (SELECT count(*) FROM "CampaignLead" cl WHERE cl."campaignId" = c."id" AND cl."state" IN ('QUEUED', 'IN_PROGRESS'))::int AS live,
        (SELECT count(*) FROM "CampaignLead" cl JOIN "Campaign" o ON o."id" = cl."campaignId"
          WHERE o."userId" = ${userId} AND cl."state" IN ('QUEUED', 'IN_PROGRESS'))::int AS "tenantLive",
        EXISTS (SELECT 1 FROM "Campaign" o WHERE o."userId" = ${userId} AND o."status" = 'RUNNING' AND o."tenantHeldAt" IS NOT NULL
          AND o."id" <> c."id") AS "otherHeld"
      FROM "Campaign" c WHERE c."id" = ${campaignId}
    ),
    cand AS (
      SELECT * FROM dw_hopper_candidates(${campaignId}, ${userId}, ${args.nowIso}::timestamp, ${args.capStartIso}::timestamp, ${args.dailyCap}::int)
      LIMIT (SELECT CASE WHEN st.status = 'RUNNING'
        THEN GREATEST(0, LEAST(st."maxConcurrentCalls" - st.live, ${limits.tenantMaxConcurrentCalls}::int - st."tenantLive")) ELSE 0 END FROM st))
    SELECT st.*, (SELECT json_agg(cand) FROM cand) AS candidates FROM st`;
  const row = rows[0];
  return row ? { ...row, candidates: (row.candidates ?? []).map(toCandidate) } : undefined;
}

interface RawCandidate {
  id: string;
  leadId: string;
  phone: string;
  timezone: string | null;
  capFreesAt: Date | string | null;
}

function toCandidate(row: RawCandidate): Candidate {
  return { ...row, capFreesAt: row.capFreesAt ? asUtc(row.capFreesAt) : null };
}

/**
 * The next PENDING leads whose time has come, with what eligibility needs: the number and zone, and when
 * the number's rolling 24 h of calls next has room (null: it has room now). Calls held back at the dial
 * (CANCELED without ever reaching the carrier) do not count.
 */
async function readCandidates(
  tx: DbTransaction,
  campaignId: string,
  userId: string,
  now: Date,
  limit: number,
  offset: number,
  dailyCap: number,
): Promise<Candidate[]> {
  const args = candidateArgs(now, dailyCap);
  const rows = await tx.$queryRaw<RawCandidate[]>`
    SELECT * FROM dw_hopper_candidates(${campaignId}, ${userId}, ${args.nowIso}::timestamp, ${args.capStartIso}::timestamp, ${args.dailyCap}::int)
    LIMIT ${limit} OFFSET ${offset}`;
  return rows.map(toCandidate);
}

/**
 * The database function `dw_hopper_candidates` (migration 20261202063000) is readCandidates' query without its
 * LIMIT; these are its arguments.
 */
function candidateArgs(now: Date, dailyCap: number): { nowIso: string; capStartIso: string; dailyCap: number } {
  return { nowIso: now.toISOString(), capStartIso: new Date(now.getTime() - DAILY_CAP_WINDOW_MS).toISOString(), dailyCap };
}

async function queueCandidates(tx: DbTransaction, ids: string[]): Promise<{ leadId: string; attempts: number }[]> {
  return tx.$queryRaw<{ leadId: string; attempts: number }[]>`
    UPDATE "CampaignLead" SET "state" = 'QUEUED', "attempts" = "attempts" + 1, "waitReason" = NULL, "waitZone" = NULL, "updatedAt" = now()
    WHERE "id" = ANY(${ids}::text[]) AND "state" = 'PENDING'
    RETURNING "leadId", "attempts"`;
}

async function deferCandidates(
  tx: DbTransaction,
  waits: { id: string; until: Date; reason: string; zone: string | null }[],
): Promise<void> {
  await tx.$executeRaw`
    UPDATE "CampaignLead" AS cl SET "nextEligibleAt" = d.until, "waitReason" = d.reason, "waitZone" = d.zone, "updatedAt" = now()
    FROM unnest(${waits.map((w) => w.id)}::text[], ${waits.map((w) => w.until.toISOString())}::timestamp[],
      ${waits.map((w) => w.reason)}::text[], ${waits.map((w) => w.zone)}::text[]) AS d(id, until, reason, zone)
    WHERE cl."id" = d.id AND cl."state" = 'PENDING'`;
}

async function markTenantHeld(tx: DbTransaction, campaignId: string, held: boolean, now: Date): Promise<void> {
  await tx.campaign.update({ where: { id: campaignId }, data: { tenantHeldAt: held ? now : null } });
}

/** The campaign's stored windows (validated when it was created); null means no restriction. */
function parseWindows(value: unknown): EligibilityRules['windows'] {
  if (value === null || value === undefined) return null;
  return ZCallingWindowsSchema.parse(value);
}

/** Raw `timestamp` columns come back as Dates read in the server's zone; ours are UTC wall times. */
function asUtc(value: Date | string): Date {
  return typeof value === 'string' ? new Date(`${value.replace(' ', 'T')}Z`) : value;
}
