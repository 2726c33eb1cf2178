import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { classifyCallOutcome, isTerminalCallStatus } from '@dialwave/contracts';
import type { Db } from '@dialwave/db';

/** Calls read per round trip: enough to keep the socket busy, few enough that memory stays flat. */
const EXPORT_BATCH = 1000;

export const CALLS_CSV_COLUMNS = [
  'callId',
  'leadName',
  'phone',
  'attempt',
  'status',
  'outcome',
  'answeredBy',
  'startedAt',
  'answeredAt',
  'endedAt',
  'durationSeconds',
  'disposition',
  'failureReason',
  // From the voice runtime's end-of-call report; empty for a call without one.
  'sentiment',
  'sentimentSource',
  'judgedSuccessful',
  'summary',
] as const;

interface ExportRow {
  id: string;
  createdAt: Date;
  toNumber: string;
  attempt: number;
  status: Parameters<typeof isTerminalCallStatus>[0];
  answeredBy: string | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  disposition: string | null;
  failureReason: string | null;
  lead: { firstName: string; lastName: string | null } | null;
  report: { sentiment: string; sentimentSource: string; successful: boolean | null; summary: string | null } | null;
}

/**
 * Every call of a campaign, oldest first, in keyset pages of EXPORT_BATCH: a generator, so the reader pulls
 * a page only when the writer has drained the last one (memory stays flat at 100,000 calls and beyond).
 */
async function* exportRows(prisma: Db, campaignId: string): AsyncGenerator<string[]> {
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const rows: ExportRow[] = await prisma.call.findMany({
      where: {
        campaignId,
        // The `gte` bound lets Postgres start the index scan at the page's first row rather than filter every
        // earlier one out (the OR alone is not an index range).
        ...(after && {
          createdAt: { gte: after.createdAt },
          OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }],
        }),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: EXPORT_BATCH,
      select: {
        id: true,
        createdAt: true,
        toNumber: true,
        attempt: true,
        status: true,
        answeredBy: true,
        answeredAt: true,
        endedAt: true,
        durationSeconds: true,
        disposition: true,
        failureReason: true,
        lead: { select: { firstName: true, lastName: true } },
        report: { select: { sentiment: true, sentimentSource: true, successful: true, summary: true } },
      },
    });
    for (const row of rows) yield toCsvRecord(row);
    if (rows.length < EXPORT_BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

function toCsvRecord(row: ExportRow): string[] {
  const outcome = isTerminalCallStatus(row.status) ? classifyCallOutcome(row.status, row.durationSeconds, row.answeredBy) : '';
  return [
    row.id,
    row.lead ? [row.lead.firstName, row.lead.lastName].filter(Boolean).join(' ') : '',
    row.toNumber,
    String(row.attempt),
    row.status,
    outcome,
    row.answeredBy ?? '',
    row.createdAt.toISOString(),
    row.answeredAt?.toISOString() ?? '',
    row.endedAt?.toISOString() ?? '',
    row.durationSeconds === null ? '' : String(row.durationSeconds),
    row.disposition ?? '',
    row.failureReason ?? '',
    row.report?.sentiment ?? '',
    row.report?.sentimentSource ?? '',
    row.report?.successful === null || row.report?.successful === undefined ? '' : String(row.report.successful),
    row.report?.summary ?? '',
  ];
}

/**
 * Streams a campaign's calls as CSV into `out` with backpressure end to end (pages are read as the client
 * takes them). csv-stringify quotes what needs quoting; cells a spreadsheet would run as a formula are
 * prefixed with a quote (`'=…`), since lead names come from imports.
 */
export async function writeCallsCsv(prisma: Db, campaignId: string, out: Writable): Promise<void> {
  const csv = stringify({ header: true, columns: [...CALLS_CSV_COLUMNS], cast: { string: neutraliseFormula } });
  await pipeline(Readable.from(exportRows(prisma, campaignId)), csv, out);
}

function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d/.test(value) ? `'${value}` : value;
}
