import type { Db, Lead, LeadSource, LeadStatus, Prisma } from '@dialwave/db';
import type { PageRequest } from '../shared/pagination';

/** How many of a lead's calls travel with it (newest first); the full list is on the campaign's calls. */
const CALLS_PER_LEAD = 100;
const withCalls = {
  calls: {
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: CALLS_PER_LEAD,
    // The gist of each call's report, not its transcript: the lead page lists calls, the call page shows one.
    include: { report: { select: { sentiment: true, sentimentSource: true, successful: true, summary: true } } },
  },
} satisfies Prisma.LeadInclude;

export type LeadWithCalls = Prisma.LeadGetPayload<{ include: typeof withCalls }>;

/** Rows per INSERT statement of an import: six array parameters, however many rows. */
const IMPORT_CHUNK_ROWS = 5000;

export interface NewLead {
  firstName: string;
  lastName?: string;
  phone: string;
  email?: string;
  company?: string;
  timezone?: string;
}

/** Every query carries the owner's userId: another user's lead is simply not found. */
export class LeadRepository {
  constructor(private readonly prisma: Db) {}

  create(userId: string, lead: NewLead, source: LeadSource): Promise<Lead> {
    return this.prisma.lead.create({ data: { ...lead, userId, source } });
  }

  /**
   * Inserts an import's leads in one transaction, so a failure stores none of them, and returns how many
   * were new: a phone the user already has is skipped (ON CONFLICT on the (userId, phone) key), which
   * also settles a concurrent import of the same numbers. One statement per chunk takes each column as
   * one array parameter (unnest), so 100,000 rows cost a few round trips and no per-row parameters.
   */
  async insertImported(userId: string, leads: NewLead[], source: LeadSource): Promise<number> {
    if (leads.length === 0) return 0;
    return this.prisma.$transaction(
      async (tx) => {
        let inserted = 0;
        for (let start = 0; start < leads.length; start += IMPORT_CHUNK_ROWS) {
          const chunk = leads.slice(start, start + IMPORT_CHUNK_ROWS);
          inserted += await tx.$executeRaw`
            INSERT INTO "Lead" ("id", "userId", "firstName", "lastName", "phone", "email", "company", "timezone", "source")
            SELECT gen_random_uuid()::text, ${userId}, r."firstName", r."lastName", r."phone", r."email", r."company", r."timezone",
                   ${source}::text::"LeadSource"
            FROM unnest(
              ${chunk.map((l) => l.firstName)}::text[], ${chunk.map((l) => l.lastName ?? null)}::text[],
              ${chunk.map((l) => l.phone)}::text[], ${chunk.map((l) => l.email ?? null)}::text[],
              ${chunk.map((l) => l.company ?? null)}::text[], ${chunk.map((l) => l.timezone ?? null)}::text[]
            ) AS r("firstName", "lastName", "phone", "email", "company", "timezone")
            ON CONFLICT ("userId", "phone") DO NOTHING`;
        }
        return inserted;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }

  list(userId: string, page: PageRequest, search?: string, status?: LeadStatus): Promise<Lead[]> {
    const { cursor } = page;
    return this.prisma.lead.findMany({
      where: {
        userId,
        ...(status && { status }),
        ...(search && {
          OR: [
            { firstName: { contains: search, mode: 'insensitive' } },
            { lastName: { contains: search, mode: 'insensitive' } },
            { phone: { contains: search } },
            { company: { contains: search, mode: 'insensitive' } },
            { email: { contains: search, mode: 'insensitive' } },
          ],
        }),
        ...(cursor && { AND: [{ OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }] }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
  }

  findWithCalls(userId: string, id: string): Promise<LeadWithCalls | null> {
    return this.prisma.lead.findFirst({ where: { id, userId }, include: withCalls });
  }

  findByPhoneWithCalls(userId: string, phone: string): Promise<LeadWithCalls | null> {
    return this.prisma.lead.findUnique({ where: { userId_phone: { userId, phone } }, include: withCalls });
  }
}
