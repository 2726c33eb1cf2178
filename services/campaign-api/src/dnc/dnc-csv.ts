import { AppError } from '@dialwave/platform';
import { CsvError, parse } from 'csv-parse/sync';
import type { CountryCode } from 'libphonenumber-js';
import { normalisePhone } from '../leads/phone';

/** Row errors listed in an answer; the rest are only counted. */
export const DNC_IMPORT_ERROR_LIST_LIMIT = 100;

export interface ParsedDncCsv {
  phones: string[];
  invalid: { row: number; field: string; message: string }[];
  invalidCount: number;
}

/**
 * Reads a do-not-call import: a header row with a `phone` column (any other columns, such as a name or a
 * note, are ignored), one number per data row, normalised to E.164 like a lead's. A bad number is a row
 * error, never fatal; a file without a `phone` column is a 400.
 * (8b is making the lead import stream its CSV; this small file is parsed in one go until that reader lands.)
 */
export function parseDncCsv(text: string, phoneRegion: CountryCode): ParsedDncCsv {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    if (err instanceof CsvError)
      throw new AppError('VALIDATION_FAILED', `CSV could not be parsed: ${err.message}`, [{ field: 'body', message: err.message }]);
    throw err;
  }
  const [header = [], ...rows] = records;
  const column = header.findIndex((name) => name.trim().toLowerCase() === 'phone');
  if (column < 0)
    throw new AppError('VALIDATION_FAILED', 'CSV header row must have a phone column', [
      { field: 'phone', message: 'column missing from the header row' },
    ]);
  const result: ParsedDncCsv = { phones: [], invalid: [], invalidCount: 0 };
  rows.forEach((record, index) => {
    const raw = record[column]?.trim() ?? '';
    const phone = raw ? normalisePhone(raw, phoneRegion) : undefined;
    if (phone) {
      result.phones.push(phone);
      return;
    }
    result.invalidCount += 1;
    if (result.invalid.length < DNC_IMPORT_ERROR_LIST_LIMIT) {
      result.invalid.push({ row: index + 1, field: 'phone', message: raw ? `not a valid phone number: ${raw.slice(0, 40)}` : 'empty' });
    }
  });
  return result;
}
