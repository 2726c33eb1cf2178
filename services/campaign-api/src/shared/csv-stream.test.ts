import { PassThrough, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { AppError } from '@dialwave/platform';
import { acceptAnyFieldCount, readCsvRecords, type CsvLimits } from './csv-stream';

async function collect(source: Readable, limits: CsvLimits) {
  const records = [];
  for await (const batch of readCsvRecords(source, limits)) records.push(...batch);
  return records;
}

async function failure(source: Readable, limits: CsvLimits): Promise<AppError> {
  try {
    await collect(source, limits);
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected the read to fail');
}

describe('readCsvRecords', () => {
  it('yields the header as record 0 and numbers data rows from 1, skipping blank lines', async () => {
    const records = await collect(Readable.from(['a,b\n\n1,2\n', '3,4\n\n']), { maxRows: 10, maxBytes: 1000 });
    expect(records).toEqual([
      { index: 0, fields: ['a', 'b'] },
      { index: 1, fields: ['1', '2'] },
      { index: 2, fields: ['3', '4'] },
    ]);
  });

  it('yields lines with any number of fields, and keeps multi-byte characters cut across chunks', async () => {
    const text = 'a,b,c\nÅsa,Ørsted\nx\n,,,,\n"Zoë, ☎",2,3\n';
    const bytes = Buffer.from(text, 'utf8');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const records = await collect(Readable.from(chunks), { maxRows: 10, maxBytes: 1000 });
    expect(records.map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['Åsa', 'Ørsted'], ['x'], ['', '', '', '', ''], ['Zoë, ☎', '2', '3']]);
  });

  it('keeps csv-parse off its per-record error path for lines of another field count (acceptAnyFieldCount)', async () => {
    const parser = parse({ relax_column_count: true });
    acceptAnyFieldCount(parser);
    Readable.from(['a,b,c\n1\n1,2\n1,2,3,4\n']).pipe(parser);
    const records = [];
    for await (const record of parser) records.push(record);
    expect(records).toHaveLength(4);
    // Without the workaround csv-parse counts (and builds an error for) each of the three ragged lines.
    expect(parser.info.invalid_field_length).toBe(0);
  });

  it('stops with a 413 past maxBytes while the body is still arriving, and drains the rest', async () => {
    const source = new PassThrough();
    const reading = failure(source, { maxRows: 1_000_000, maxBytes: 100 });
    source.write('a,b\n');
    source.write(`${'1,2\n'.repeat(50)}`);
    const err = await reading;
    expect(err).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('MB limit') });
    // The source keeps flowing (drained, not parsed) so the client can still read the answer.
    source.end('3,4\n');
    expect(source.readableFlowing).toBe(true);
  });

  it('refuses a record longer than maxRecordChars with a 400 instead of buffering it', async () => {
    const err = await failure(Readable.from([`a\n"${'x'.repeat(5000)}`]), { maxRows: 10, maxBytes: 100_000, maxRecordChars: 1000 });
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body' }] });
  });

  it('reads every record even when each slice of work is spent before it starts (a process descheduled under load)', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `${i},x`).join('\n');
    const records = await collect(Readable.from([`a,b\n${lines}\n`]), { maxRows: 100, maxBytes: 10_000, sliceMs: 0 });
    expect(records).toHaveLength(51);
    expect(records.at(-1)).toEqual({ index: 50, fields: ['49', 'x'] });
  });

  it('gives the event loop turns during a long read', async () => {
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    const lines = 'x,\n'.repeat(100_000);
    try {
      await collect(Readable.from([`a,b\n${lines}`]), { maxRows: 1_000_000, maxBytes: 10_000_000 });
    } finally {
      clearInterval(ticker);
    }
    expect(turns).toBeGreaterThan(1);
  });
});
