import { AppError } from '@dialwave/platform';
import { parseLeadCsv } from './lead-csv';

const HEADER = 'firstName,lastName,phone,email,company,timezone';

describe('parseLeadCsv', () => {
  it('reads quoted fields with commas, quotes and newlines, and drops a UTF-8 BOM', () => {
    const csv = `\uFEFF${HEADER}\n"Ada","O""Brien",+14155550101,,"Acme, Inc.\nWest",UTC\n`;
    const { valid, invalid } = parseLeadCsv(csv, 'US');
    expect(invalid).toEqual([]);
    expect(valid).toEqual([
      { row: 1, lead: { firstName: 'Ada', lastName: 'O"Brien', phone: '+14155550101', company: 'Acme, Inc.\nWest', timezone: 'UTC' } },
    ]);
  });

  it('numbers data rows from 1 and skips blank lines; a schema problem is reported before the phone is checked', () => {
    const csv = `${HEADER}\n\nA,,+14155550101,,,\nB,,nope,bad-email,,Nowhere/Zone\n`;
    const { valid, invalid } = parseLeadCsv(csv, 'US');
    expect(valid.map((v) => v.row)).toEqual([1]);
    expect(invalid).toEqual([
      { row: 2, field: 'email', message: expect.any(String) },
    ]);
  });

  it('checks phone and timezone once the row passes the schema', () => {
    const { invalid } = parseLeadCsv(`${HEADER}\nB,,nope,,,Nowhere/Zone\n`, 'US');
    expect(invalid.map((e) => e.field)).toEqual(['phone', 'timezone']);
  });

  it('refuses a header with a missing, unknown or repeated column by name', () => {
    const error = (csv: string) => {
      try {
        parseLeadCsv(csv, 'US');
      } catch (err) {
        return err as AppError;
      }
      throw new Error('expected a header error');
    };
    expect(error('firstName,lastName,email,company,timezone\n').details).toEqual([{ field: 'phone', message: expect.stringContaining('missing') }]);
    expect(error(`${HEADER},notes\n`).details).toEqual([{ field: 'notes', message: expect.stringContaining('unknown') }]);
    expect(error(`${HEADER},phone\n`).details).toEqual([{ field: 'phone', message: expect.stringContaining('repeated') }]);
    expect(error('').code).toBe('VALIDATION_FAILED');
  });
});
