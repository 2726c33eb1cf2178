import type { TLead, TLeadImportResult, TLeadListItem, TLeadWithCalls, TPage } from '@dialwave/contracts';
import type { Db } from '@dialwave/db';
import { buildCallHistory, lastSummaryOf, suggestAgentFor, type TCallHistoryEntry, type TSuggestedAgent } from '@dialwave/domain';
import { AppError } from '@dialwave/platform';
import type { CountryCode } from 'libphonenumber-js';
import { serialiseCall, serialiseCallAnalysis } from '../calls/call.serializer';
import { type PageRequest, toPage } from '../shared/pagination';
import { isUniqueViolation } from '../shared/prisma-errors';
import { parseLeadCsv } from './lead-csv';
import { validateLeadInput } from './lead-input';
import { LeadSentimentRepository } from './lead-sentiment.repository';
import { LeadRepository, type LeadWithCalls, type NewLead } from './lead.repository';
import { serialiseLead } from './lead.serializer';
import { normalisePhone } from './phone';

/** What an agent sees when a number calls or is looked up: the lead, its recent calls and who should take it. */
export type TLeadByPhone = TLeadWithCalls & { history: TCallHistoryEntry[]; suggestedAgent: TSuggestedAgent | null };

/** Rows per INSERT and per lookup: well under Postgres' 65,535 bind parameters per statement. */
const IMPORT_CHUNK = 1000;

export class LeadService {
  private readonly leads: LeadRepository;
  private readonly sentiments: LeadSentimentRepository;

  constructor(
    private readonly prisma: Db,
    private readonly phoneRegion: CountryCode,
  ) {
    this.leads = new LeadRepository(prisma);
    this.sentiments = new LeadSentimentRepository(prisma);
  }

  async create(userId: string, input: unknown): Promise<TLead> {
    const { lead, errors } = validateLeadInput(input, this.phoneRegion);
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

  async list(userId: string, page: PageRequest, search?: string): Promise<TPage<TLeadListItem>> {
    const rows = await this.leads.list(userId, page, search);
    const sentiments = await this.sentiments.lastSentiments(userId, rows.slice(0, page.limit).map((lead) => lead.id));
    return toPage(rows, page.limit, (lead) => ({ at: lead.createdAt, id: lead.id }), (lead) => ({
      ...serialiseLead(lead),
      lastSentiment: sentiments.get(lead.id) ?? null,
    }));
  }

  async get(userId: string, id: string): Promise<TLeadWithCalls> {
    const lead = withCalls(await this.leads.findWithCalls(userId, id));
    return { ...lead, lastSummary: await lastSummaryOf(this.prisma, lead.id) };
  }

  async getByPhone(userId: string, rawPhone: string): Promise<TLeadByPhone> {
    const phone = normalisePhone(rawPhone, this.phoneRegion);
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
   * Imports every valid row; a phone already stored or repeated earlier in the file counts as a
   * duplicate, not an error. The inserts share one transaction, so a failure stores none of them.
   */
  async importCsv(userId: string, csv: string): Promise<TLeadImportResult> {
    const { valid, invalid } = parseLeadCsv(csv, this.phoneRegion);
    const unique = new Map<string, NewLead>();
    for (const { lead } of valid) if (!unique.has(lead.phone)) unique.set(lead.phone, lead);
    const existing = new Set<string>();
    for (const phones of chunk([...unique.keys()], IMPORT_CHUNK)) {
      for (const phone of await this.leads.existingPhones(userId, phones)) existing.add(phone);
    }
    const fresh = [...unique.values()].filter((lead) => !existing.has(lead.phone));
    const created = await this.leads.transaction(async (db) => {
      let inserted = 0;
      for (const leads of chunk(fresh, IMPORT_CHUNK)) inserted += await this.leads.insertSkippingDuplicates(db, userId, leads, 'IMPORT');
      return inserted;
    });
    // Rows skipped by the insert were stored by a concurrent request after the lookup: duplicates too.
    return { created, duplicates: valid.length - created, invalid };
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

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
