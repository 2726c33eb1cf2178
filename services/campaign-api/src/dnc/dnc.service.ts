import type { TDncEntry, TDncImportResult, TPage } from '@dialwave/contracts';
import type { Db, DncEntry } from '@dialwave/db';
import { addToDncList, removeFromDncList } from '@dialwave/domain';
import { AppError } from '@dialwave/platform';
import type { CountryCode } from 'libphonenumber-js';
import { normalisePhone } from '../leads/phone';
import { type PageRequest, toPage } from '../shared/pagination';
import { parseDncCsv } from './dnc-csv';

/** Numbers per transaction of an import: each holds its numbers' locks until it commits. */
const IMPORT_CHUNK = 1000;

/** A user's do-not-call list. Every write goes through the domain's addToDncList / removeFromDncList. */
export class DncService {
  constructor(
    private readonly prisma: Db,
    private readonly phoneRegion: CountryCode,
  ) {}

  async list(userId: string, page: PageRequest): Promise<TPage<TDncEntry>> {
    const { cursor } = page;
    const rows = await this.prisma.dncEntry.findMany({
      where: { userId, ...(cursor && { OR: [{ createdAt: { lt: cursor.at } }, { createdAt: cursor.at, id: { lt: cursor.id } }] }) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit + 1,
    });
    return toPage(rows, page.limit, (row) => ({ at: row.createdAt, id: row.id }), serialiseDncEntry);
  }

  /** Adding a number already on the list is fine: the answer is the entry either way. */
  async add(userId: string, rawPhone: string): Promise<TDncEntry> {
    const phone = this.phoneOrThrow(rawPhone, 'phone');
    await this.prisma.$transaction((tx) => addToDncList(tx, userId, [phone], 'API'));
    return serialiseDncEntry(await this.prisma.dncEntry.findUniqueOrThrow({ where: { userId_phone: { userId, phone } } }));
  }

  async remove(userId: string, rawPhone: string): Promise<void> {
    const phone = this.phoneOrThrow(rawPhone, 'phone');
    const removed = await this.prisma.$transaction((tx) => removeFromDncList(tx, userId, phone));
    if (!removed) throw AppError.notFound('Do-not-call entry');
  }

  async importCsv(userId: string, csv: string): Promise<TDncImportResult> {
    const { phones, invalid, invalidCount } = parseDncCsv(csv, this.phoneRegion);
    const unique = [...new Set(phones)];
    let added = 0;
    for (let i = 0; i < unique.length; i += IMPORT_CHUNK) {
      const chunk = unique.slice(i, i + IMPORT_CHUNK);
      added += await this.prisma.$transaction((tx) => addToDncList(tx, userId, chunk, 'IMPORT'), { timeout: 30_000 });
    }
    return { added, duplicates: phones.length - added, invalid, invalidCount };
  }

  private phoneOrThrow(raw: string, field: string): string {
    const phone = normalisePhone(raw, this.phoneRegion);
    if (!phone)
      throw new AppError('VALIDATION_FAILED', `Invalid ${field}: not a valid phone number: ${raw}`, [
        { field, message: 'not a valid phone number' },
      ]);
    return phone;
  }
}

function serialiseDncEntry(entry: DncEntry): TDncEntry {
  return { phone: entry.phone, source: entry.source, createdAt: entry.createdAt.toISOString() };
}
