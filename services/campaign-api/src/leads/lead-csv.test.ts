import { Readable } from 'node:stream';
import type { AppError } from '@dialwave/platform';
import { MAX_REPORTED_ROW_ERRORS, readLeadCsv } from './lead-csv';
import type { LeadRules } from './lead-input';

const HEADER = 'firstName,lastName,phone,email,company,timezone';
const rules: LeadRules = { phoneRegion: 'US', destinationPolicy: {} };
const limits = { maxRows: 1000, maxBytes: 1024 * 1024 };

/** Chunks cut at awkward places: records, quotes and the BOM must survive any split. */
function body(text: string, chunkSize = 7): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}

const read = (text: string, options: { rules?: LeadRules; maxRows?: number } = {}) =>
  readLeadCsv(body(text), options.rules ?? rules, { ...limits, maxRows: options.maxRows ?? limits.maxRows });

async function refusal(text: string, options: { maxRows?: number } = {}): Promise<AppError> {
  try {
    await read(text, options);
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected the file to be refused');
}

describe('readLeadCsv', () => {
  it('reads quoted fields with commas, quotes and newlines across chunk boundaries, and drops a UTF-8 BOM', async () => {
    const csv = `\uFEFF${HEADER}\n"Ada","O""Brien",+14155550101,,"Acme, Inc.\nWest",UTC\n`;
    const { leads, invalid, validRows } = await read(csv);
    expect(invalid).toEqual([]);
    expect(validRows).toBe(1);
    expect(leads).toEqual([{ firstName: 'Ada', lastName: 'O"Brien', phone: '+14155550101', company: 'Acme, Inc.\nWest', timezone: 'UTC' }]);
  });

  it('numbers data rows from 1 and skips blank lines; a schema problem is reported before the phone is checked', async () => {
    const { leads, invalid } = await read(`${HEADER}\n\nA,,+14155550101,,,\nB,,nope,bad-email,,Nowhere/Zone\n`);
    expect(leads.map((lead) => lead.firstName)).toEqual(['A']);
    expect(invalid).toEqual([{ row: 2, field: 'email', message: expect.any(String) }]);
  });

  it('checks phone and timezone once the row passes the schema', async () => {
    const { invalid } = await read(`${HEADER}\nB,,nope,,,Nowhere/Zone\n`);
    expect(invalid.map((e) => e.field)).toEqual(['phone', 'timezone']);
  });

  it('refuses premium-rate and shared-cost numbers, and numbers outside DIAL_ALLOWED_COUNTRIES, naming the row', async () => {
    const csv = `${HEADER}\nOk,,+14155550101,,,\nPremium,,+1 900 555 1234,,,\nShared,,+33 810 12 34 56,,,\nIndia,,+919876543210,,,\n`;
    const { leads, invalid } = await read(csv, { rules: { ...rules, destinationPolicy: { allowedCountries: new Set(['US', 'FR']) } } });
    expect(leads.map((lead) => lead.phone)).toEqual(['+14155550101']);
    expect(invalid).toEqual([
      { row: 2, field: 'phone', message: expect.stringContaining('premium-rate') },
      { row: 3, field: 'phone', message: expect.stringContaining('shared-cost') },
      { row: 4, field: 'phone', message: expect.stringContaining('in IN') },
    ]);
  });

  it('keeps the first row of a repeated phone and counts the repeat as valid, not as a lead', async () => {
    const { leads, validRows } = await read(`${HEADER}\nA,,+14155550101,,,\nB,,(415) 555-0101,,,\n`);
    expect(leads.map((lead) => lead.firstName)).toEqual(['A']);
    expect(validRows).toBe(2);
  });

  it(`lists the first ${MAX_REPORTED_ROW_ERRORS} row errors and counts them all`, async () => {
    const rows = Array.from({ length: 250 }, (_, i) => `Row${i},,not-a-phone,,,`);
    const { invalid, invalidCount } = await read([HEADER, ...rows].join('\n'));
    expect(invalid).toHaveLength(MAX_REPORTED_ROW_ERRORS);
    expect(invalid[0]).toMatchObject({ row: 1, field: 'phone' });
    expect(invalid.at(-1)).toMatchObject({ row: MAX_REPORTED_ROW_ERRORS });
    expect(invalidCount).toBe(250);
  });

  it('answers 413 past the row limit, but takes a file of exactly the limit', async () => {
    const rows = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => `R${i},,+1415555${String(1000 + i)},,,`)].join('\n');
    expect((await read(rows(20), { maxRows: 20 })).leads).toHaveLength(20);
    const tooMany = await refusal(rows(21), { maxRows: 20 });
    expect(tooMany).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('more than 20 data rows') });
  });

  it('refuses a header with a missing, unknown or repeated column by name', async () => {
    expect((await refusal('firstName,lastName,email,company,timezone\n')).details).toEqual([
      { field: 'phone', message: expect.stringContaining('missing') },
    ]);
    expect((await refusal(`${HEADER},notes\n`)).details).toEqual([{ field: 'notes', message: expect.stringContaining('unknown') }]);
    expect((await refusal(`${HEADER},phone\n`)).details).toEqual([{ field: 'phone', message: expect.stringContaining('repeated') }]);
    expect((await refusal('')).code).toBe('VALIDATION_FAILED');
  });

  it('answers 400 for a body that is not CSV, such as a quote left open to the end', async () => {
    expect(await refusal(`${HEADER}\n"unterminated,B,+14155550701,,,\n`)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'body' }],
    });
  });
});
