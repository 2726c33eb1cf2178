import { Prisma, type Db } from '@dialwave/db';
import type { TSentiment } from '@dialwave/contracts';

/** Reads of what the leads' calls were judged: the leads page's "last sentiment" column. */
export class LeadSentimentRepository {
  constructor(private readonly prisma: Db) {}

  /** For each lead that has one, the sentiment of its newest call with a report (one index walk per lead). */
  async lastSentiments(userId: string, leadIds: readonly string[]): Promise<Map<string, TSentiment>> {
    if (leadIds.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<{ leadId: string; sentiment: TSentiment }[]>`
      SELECT DISTINCT ON (c."leadId") c."leadId", r."sentiment"::text AS "sentiment"
      FROM "Call" c
      JOIN "CallReport" r ON r."callId" = c."id"
      WHERE c."userId" = ${userId} AND c."leadId" IN (${Prisma.join([...leadIds])})
      ORDER BY c."leadId", c."createdAt" DESC, c."id" DESC`;
    return new Map(rows.map((row) => [row.leadId, row.sentiment]));
  }
}
