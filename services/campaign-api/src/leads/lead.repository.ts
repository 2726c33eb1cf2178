import type { Db, Lead, LeadSource, Prisma } from '@dialwave/db';
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

  /** Returns how many rows were inserted; rows whose phone the user already has are skipped. */
  async insertSkippingDuplicates(db: Prisma.TransactionClient, userId: string, leads: NewLead[], source: LeadSource): Promise<number> {
    const { count } = await db.lead.createMany({
      data: leads.map((lead) => ({ ...lead, userId, source })),
      skipDuplicates: true,
    });
    return count;
  }

  /** The subset of `phones` the user already has. */
  async existingPhones(userId: string, phones: string[]): Promise<Set<string>> {
    const rows = await this.prisma.lead.findMany({ where: { userId, phone: { in: phones } }, select: { phone: true } });
    return new Set(rows.map((row) => row.phone));
  }

  list(userId: string, page: PageRequest, search?: string): Promise<Lead[]> {
    const { cursor } = page;
    return this.prisma.lead.findMany({
      where: {
        userId,
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

  /** Runs `work` in one transaction; a long import gets more than Prisma's 5 s default. */
  transaction<T>(work: (db: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { timeout: 120_000, maxWait: 10_000 });
  }
}
