import type { Readable } from 'node:stream';
import { LEAD_CSV_COLUMNS } from '@dialwave/contracts';
import { AppError } from '@dialwave/platform';
import { readCsvRecords, type CsvLimits } from '../shared/csv-stream';
import type { NewLead } from './lead.repository';
import { validateLeadInput, type LeadRules } from './lead-input';

export interface CsvRowError {
  /** 1-based number of the data row (the header row and blank lines are not counted). */
  row: number;
  field: string;
  message: string;
}

/** Row errors an answer carries at most; the rest are only counted. */
export const MAX_REPORTED_ROW_ERRORS = 100;

export interface ParsedLeadCsv {
  /** Valid rows, one per phone number: a phone repeated later in the file is a duplicate, not a lead. */
  leads: NewLead[];
  /** Valid rows in the file, repeats included. */
  validRows: number;
  /** The first MAX_REPORTED_ROW_ERRORS row errors, in file order. */
  invalid: CsvRowError[];
  /** Every row error, reported or not. */
  invalidCount: number;
}

/**
 * Reads an import file as it streams in and validates each row with the same rules as `POST /api/leads`.
 * A bad row is reported (up to MAX_REPORTED_ROW_ERRORS, then counted), never fatal; a bad header, a body
 * that is not CSV, or one over the limits is a 4xx, and then nothing has been stored since the caller
 * stores only what this returns.
 */
export async function readLeadCsv(source: Readable, rules: LeadRules, limits: CsvLimits): Promise<ParsedLeadCsv> {
  const result: ParsedLeadCsv = { leads: [], validRows: 0, invalid: [], invalidCount: 0 };
  const report = (error: CsvRowError) => {
    result.invalidCount += 1;
    if (result.invalid.length < MAX_REPORTED_ROW_ERRORS) result.invalid.push(error);
  };
  const seenPhones = new Set<string>();
  let columns: string[] | undefined;
  for await (const batch of readCsvRecords(source, limits)) {
    for (const { index: row, fields: record } of batch) {
      if (!columns) {
        columns = readHeader(record);
        continue;
      }
      if (record.length !== columns.length) {
        report({ row, field: 'row', message: `has ${record.length} columns, the header has ${columns.length}` });
        continue;
      }
      const fields: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) {
        const value = record[i]!.trim();
        // An empty cell means "not given", as an absent key does in JSON.
        if (value) fields[columns[i]!] = value;
      }
      const { lead, errors } = validateLeadInput(fields, rules);
      if (!lead) {
        for (const error of errors) report({ row, ...error });
        continue;
      }
      result.validRows += 1;
      if (seenPhones.has(lead.phone)) continue;
      seenPhones.add(lead.phone);
      result.leads.push(lead);
    }
  }
  if (!columns) readHeader([]);
  return result;
}

function readHeader(header: string[]): string[] {
  const columns = header.map((column) => column.trim());
  const missing = LEAD_CSV_COLUMNS.filter((column) => !columns.includes(column));
  const unknown = columns.filter((column) => !(LEAD_CSV_COLUMNS as readonly string[]).includes(column));
  const repeated = columns.filter((column, i) => columns.indexOf(column) !== i);
  const details = [
    ...missing.map((column) => ({ field: column, message: 'column missing from the header row' })),
    ...unknown.slice(0, 20).map((column) => ({ field: column.slice(0, 100) || '(empty)', message: 'unknown column in the header row' })),
    ...repeated.slice(0, 20).map((column) => ({ field: column.slice(0, 100), message: 'column repeated in the header row' })),
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
