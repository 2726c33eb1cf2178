import { LEAD_CSV_COLUMNS } from '@dialwave/contracts';
import { AppError } from '@dialwave/platform';
import { CsvError, parse } from 'csv-parse/sync';
import type { CountryCode } from 'libphonenumber-js';
import type { NewLead } from './lead.repository';
import { validateLeadInput } from './lead-input';

export interface CsvRowError {
  /** 1-based number of the data row (the header row is not counted). */
  row: number;
  field: string;
  message: string;
}

export interface ParsedLeadCsv {
  valid: { row: number; lead: NewLead }[];
  invalid: CsvRowError[];
}

/**
 * Parses an import file with a real CSV parser (quoted fields, embedded commas and newlines, a UTF-8 BOM)
 * and validates each row with the same rules as `POST /api/leads`. A bad row is reported, never fatal;
 * a bad header or a file that is not CSV at all is a 400.
 */
export function parseLeadCsv(text: string, phoneRegion: CountryCode): ParsedLeadCsv {
  const [header = [], ...records] = parseRecords(text);
  const columns = readHeader(header);
  const result: ParsedLeadCsv = { valid: [], invalid: [] };
  records.forEach((record, index) => {
    const row = index + 1;
    if (record.length !== columns.length) {
      result.invalid.push({ row, field: 'row', message: `has ${record.length} columns, the header has ${columns.length}` });
      return;
    }
    const fields: Record<string, string> = {};
    columns.forEach((column, i) => {
      const value = record[i]?.trim();
      // An empty cell means "not given", as an absent key does in JSON.
      if (value) fields[column] = value;
    });
    const { lead, errors } = validateLeadInput(fields, phoneRegion);
    if (lead) result.valid.push({ row, lead });
    else result.invalid.push(...errors.map((error) => ({ row, ...error })));
  });
  return result;
}

function parseRecords(text: string): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    if (err instanceof CsvError) {
      throw new AppError('VALIDATION_FAILED', `CSV could not be parsed: ${err.message}`, [{ field: 'body', message: err.message }]);
    }
    throw err;
  }
}

function readHeader(header: string[]): string[] {
  const columns = header.map((column) => column.trim());
  const missing = LEAD_CSV_COLUMNS.filter((column) => !columns.includes(column));
  const unknown = columns.filter((column) => !(LEAD_CSV_COLUMNS as readonly string[]).includes(column));
  const repeated = columns.filter((column, i) => columns.indexOf(column) !== i);
  const details = [
    ...missing.map((column) => ({ field: column, message: 'column missing from the header row' })),
    ...unknown.map((column) => ({ field: column || '(empty)', message: 'unknown column in the header row' })),
    ...repeated.map((column) => ({ field: column, message: 'column repeated in the header row' })),
  ];
  if (details.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `CSV header row must be ${LEAD_CSV_COLUMNS.join(',')}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`,
      details,
    );
  }
  return columns;
}
