import { Prisma, type Db } from '@dialwave/db';
import type { PageRequest } from '../shared/pagination';

export interface CallSearchRow {
  id: string;
  createdAt: Date;
  direction: 'OUTBOUND' | 'INBOUND';
  status: string;
  durationSeconds: number | null;
  campaignId: string | null;
  leadId: string | null;
  fromNumber: string;
  toNumber: string;
  firstName: string | null;
  lastName: string | null;
  sentiment: 'positive' | 'neutral' | 'negative' | 'mixed';
  sentimentSource: 'reported' | 'computed';
  successful: boolean | null;
  summary: string | null;
  headline: string;
}

/** Marks ts_headline puts around matched words; control characters, so no transcript text is mistaken for one. */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_STOP = '\u0003';
/** The same prefix the search index covers (see the CallReport migration). */
const INDEXED_CHARS = 100_000;

/**
 * Full-text search over the user's reports (Postgres FTS: the generated `searchVector` column and its GIN
 * index; `websearch_to_tsquery` reads what people type: words, "quoted phrases", or, -not). Newest calls
 * first, in keyset pages like every other list. The excerpt (ts_headline, which re-reads the text) is made
 * only for the page's rows, outside the inner query's LIMIT.
 */
export class CallSearchRepository {
  constructor(private readonly prisma: Db) {}

  search(userId: string, text: string, page: PageRequest): Promise<CallSearchRow[]> {
    const { cursor } = page;
    const after = cursor ? Prisma.sql`AND (c."createdAt", c."id") < (${cursor.at}, ${cursor.id})` : Prisma.empty;
    const headlineOptions = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`;
    return this.prisma.$queryRaw<CallSearchRow[]>`
      SELECT hit."id", hit."createdAt", hit."direction", hit."status", hit."durationSeconds", hit."campaignId", hit."leadId",
             hit."fromNumber", hit."toNumber", hit."firstName", hit."lastName", hit."sentiment", hit."sentimentSource",
             hit."successful", hit."summary",
             ts_headline('english', left(coalesce(r."summary", '') || E'\n' || r."transcriptText", ${INDEXED_CHARS}::int), hit.query, ${headlineOptions}) AS "headline"
      FROM (
        SELECT c."id", c."createdAt", c."direction"::text AS "direction", c."status"::text AS "status", c."durationSeconds", c."campaignId",
               c."leadId", c."fromNumber", c."toNumber", l."firstName", l."lastName",
               r."sentiment"::text AS "sentiment", r."sentimentSource"::text AS "sentimentSource", r."successful", r."summary", q.query
        FROM "CallReport" r
        CROSS JOIN websearch_to_tsquery('english', ${text}) AS q(query)
        JOIN "Call" c ON c."id" = r."callId" AND c."userId" = ${userId}
        LEFT JOIN "Lead" l ON l."id" = c."leadId"
        WHERE r."userId" = ${userId} AND r."searchVector" @@ q.query ${after}
        ORDER BY c."createdAt" DESC, c."id" DESC
        LIMIT ${page.limit + 1}
      ) hit
      JOIN "CallReport" r ON r."callId" = hit."id"
      ORDER BY hit."createdAt" DESC, hit."id" DESC`;
  }
}
