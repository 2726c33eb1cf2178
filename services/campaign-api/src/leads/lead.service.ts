import type { TLeadStatus } from '@dialwave/contracts';
import type { Readable } from 'node:stream';
import type { TLead, TLeadImportResult, TLeadListItem, TLeadWithCalls, TPage } from '@dialwave/contracts';
import { isUniqueViolation, type Db } from '@dialwave/db';
import { buildCallHistory, lastSummaryOf, suggestAgentFor, type TCallHistoryEntry, type TSuggestedAgent } from '@dialwave/domain';
import { AppError } from '@dialwave/platform';
import { serialiseCall, serialiseCallAnalysis } from '../calls/call.serializer';
import type { CsvLimits } from '../shared/csv-stream';
import { type PageRequest, toPage } from '../shared/pagination';
import { readLeadCsv } from './lead-csv';
import { validateLeadInput, type LeadRules } from './lead-input';
import { LeadSentimentRepository } from './lead-sentiment.repository';
import { LeadRepository, type LeadWithCalls } from './lead.repository';
import { serialiseLead } from './lead.serializer';
import { normalisePhone } from './phone';

/**
 * A CSV import may be IMPORT_BYTES_PER_ROW bytes per allowed row (40 MB at the default 100,000 rows): far
 * above real lead rows (~100 bytes), so the row limit is the one users meet. The body is streamed, never
 * held, so this bounds the time an import may take rather than memory.
 */
export const IMPORT_BYTES_PER_ROW = 400;

export function importLimitsFor(maxRows: number): CsvLimits {
  return { maxRows, maxBytes: Math.max(1024 * 1024, maxRows * IMPORT_BYTES_PER_ROW) };
}

/** What an agent sees when a number calls or is looked up: the lead, its recent calls and who should take it. */
export type TLeadByPhone = TLeadWithCalls & { history: TCallHistoryEntry[]; suggestedAgent: TSuggestedAgent | null };

export class LeadService {
  private readonly leads: LeadRepository;
  private readonly sentiments: LeadSentimentRepository;

  constructor(
    private readonly prisma: Db,
    private readonly rules: LeadRules,
    private readonly importLimits: CsvLimits,
  ) {
    this.leads = new LeadRepository(prisma);
    this.sentiments = new LeadSentimentRepository(prisma);
  }

  async create(userId: string, input: unknown): Promise<TLead> {
    const { lead, errors } = validateLeadInput(input, this.rules);
    if (!lead) {
      const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      throw new AppError('VALIDATION_FAILED', `Invalid body: ${summary}`, errors);
    }
    try {
      return serialiseLead(await this.leads.create(userId, lead, 'API'));
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AppError('CONFLICT', `A lead with phone ${lead.phone} already exists`, [{ field: 'phone', message: 'already a lead' }]);
      }
      throw err;
    }
  }

  async list(userId: string, page: PageRequest, search?: string, status?: TLeadStatus): Promise<TPage<TLeadListItem>> {
    const rows = await this.leads.list(userId, page, search, status);
    const sentiments = await this.sentiments.lastSentiments(
      userId,
      rows.slice(0, page.limit).map((lead) => lead.id),
    );
    return toPage(
      rows,
      page.limit,
      (lead) => ({ at: lead.createdAt, id: lead.id }),
      (lead) => ({
        ...serialiseLead(lead),
        lastSentiment: sentiments.get(lead.id) ?? null,
      }),
    );
  }

  async get(userId: string, id: string): Promise<TLeadWithCalls> {
    const lead = withCalls(await this.leads.findWithCalls(userId, id));
    return { ...lead, lastSummary: await lastSummaryOf(this.prisma, lead.id) };
  }

  async getByPhone(userId: string, rawPhone: string): Promise<TLeadByPhone> {
    const phone = normalisePhone(rawPhone, this.rules.phoneRegion);
    if (!phone) {
      throw new AppError('VALIDATION_FAILED', `Invalid path: phone is not a valid phone number: ${rawPhone}`, [
        { field: 'phone', message: 'not a valid phone number' },
      ]);
    }
    const lead = withCalls(await this.leads.findByPhoneWithCalls(userId, phone));
    const [history, lastSummary, suggestedAgent] = await Promise.all([
      buildCallHistory(this.prisma, lead.id),
      lastSummaryOf(this.prisma, lead.id),
      suggestAgentFor(this.prisma, { userId, leadId: lead.id, fallback: await this.lastAgentOf(userId, lead.id) }),
    ]);
    return { ...lead, lastSummary, history, suggestedAgent };
  }

  /** Without a real conversation to go by, the agent of the lead's latest call (the number it knows). */
  private async lastAgentOf(userId: string, leadId: string): Promise<TSuggestedAgent | null> {
    const call = await this.prisma.call.findFirst({
      where: { userId, leadId, agentId: { not: null } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { createdAt: true, agent: { select: { id: true, name: true } } },
    });
    return call?.agent ? { ...call.agent, reason: { rule: 'last-call', at: call.createdAt.toISOString(), sentiment: null } } : null;
  }

  /**
   * Imports every valid row of a CSV body as it streams in; a phone already stored or repeated earlier in
   * the file counts as a duplicate, not an error. The whole file is read and checked before anything is
   * stored, and the inserts share one transaction, so a file over the limits or a failure stores none.
   */
  async importCsv(userId: string, csv: Readable): Promise<TLeadImportResult> {
    const parsed = await readLeadCsv(csv, this.rules, this.importLimits);
    const created = await this.leads.insertImported(userId, parsed.leads, 'IMPORT');
    // Rows skipped by the insert were stored before, or by a concurrent import: duplicates too.
    return { created, duplicates: parsed.validRows - created, invalid: parsed.invalid, invalidCount: parsed.invalidCount };
  }
}

function withCalls(lead: LeadWithCalls | null): Omit<TLeadWithCalls, 'lastSummary'> {
  if (!lead) throw AppError.notFound('Lead');
  const { calls, ...row } = lead;
  return {
    ...serialiseLead(row),
    calls: calls.map(({ report, ...call }) => ({ ...serialiseCall(call), analysis: report ? serialiseCallAnalysis(report) : null })),
  };
}
