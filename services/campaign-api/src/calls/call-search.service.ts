import type { TCallSearchHit, TCallStatus, TPage } from '@dialwave/contracts';
import type { Db } from '@dialwave/db';
import { type PageRequest, toPage } from '../shared/pagination';
import { CallSearchRepository, HIGHLIGHT_START, HIGHLIGHT_STOP, type CallSearchRow } from './call-search.repository';

/** "What did they say about the price?": the user's calls whose transcript or summary holds the words. */
export class CallSearchService {
  private readonly repository: CallSearchRepository;

  constructor(prisma: Db) {
    this.repository = new CallSearchRepository(prisma);
  }

  async search(userId: string, text: string, page: PageRequest): Promise<TPage<TCallSearchHit>> {
    const rows = await this.repository.search(userId, text, page);
    return toPage(rows, page.limit, (row) => ({ at: row.createdAt, id: row.id }), toHit);
  }
}

function toHit(row: CallSearchRow): TCallSearchHit {
  return {
    callId: row.id,
    createdAt: row.createdAt.toISOString(),
    direction: row.direction,
    status: row.status as TCallStatus,
    durationSeconds: row.durationSeconds,
    campaignId: row.campaignId,
    leadId: row.leadId,
    leadName: row.firstName === null ? null : [row.firstName, row.lastName].filter(Boolean).join(' '),
    phone: row.direction === 'INBOUND' ? row.fromNumber : row.toNumber,
    sentiment: row.sentiment,
    sentimentSource: row.sentimentSource,
    successful: row.successful,
    summary: row.summary,
    snippet: splitHighlights(row.headline),
  };
}

/** ts_headline's text with its marks turned into pieces, so the console highlights without parsing markup. */
export function splitHighlights(headline: string): TCallSearchHit['snippet'] {
  const parts: TCallSearchHit['snippet'] = [];
  for (const [i, piece] of headline.split(HIGHLIGHT_START).entries()) {
    const [matched, rest] = i === 0 ? [undefined, piece] : splitOnce(piece, HIGHLIGHT_STOP);
    if (matched) parts.push({ text: matched, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}
