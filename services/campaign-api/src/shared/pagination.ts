import { ZPageQuerySchema, type TPage } from '@dialwave/contracts';
import { AppError, parseOrThrow } from '@dialwave/platform';

/** Keyset position: lists are ordered newest first by (timestamp, id), so ties in timestamp stay stable. */
export interface PageCursor {
  at: Date;
  id: string;
}

export interface PageRequest {
  limit: number;
  cursor?: PageCursor;
}

export function parsePageQuery(query: unknown): PageRequest {
  const { limit, cursor } = parseOrThrow(ZPageQuerySchema, query, 'query');
  return { limit, cursor: cursor === undefined ? undefined : decodeCursor(cursor) };
}

export function encodeCursor(position: PageCursor): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

function decodeCursor(cursor: string): PageCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(at));
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(date.getTime())) return { at: date, id };
  } catch {
    // falls through to the 400 below
  }
  throw new AppError('VALIDATION_FAILED', 'Invalid query: cursor is not one this API issued', [
    { field: 'cursor', message: 'not a cursor returned by a previous page' },
  ]);
}

/**
 * Repositories fetch `limit + 1` rows; the extra row only proves that another page exists.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  positionOf: (row: Row) => PageCursor,
  serialise: (row: Row) => Item,
): TPage<Item> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(serialise),
    nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null,
  };
}
