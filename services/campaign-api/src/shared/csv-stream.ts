import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { CsvError, parse, type Parser } from 'csv-parse';
import { AppError } from '@dialwave/platform';

export interface CsvLimits {
  /** Data rows after the header (blank lines are not rows); one more answers 413. */
  maxRows: number;
  /** Bytes of the body; one more answers 413. */
  maxBytes: number;
  /** Longest record in characters: an unterminated quote must not swallow the whole body into one field. */
  maxRecordChars?: number;
  /** Longest stretch of synchronous work between two turns of the event loop (default SLICE_MS). */
  sliceMs?: number;
}

export interface CsvRecord {
  /** 0 for the header row, then 1, 2, … for data rows (blank lines are skipped and not numbered). */
  index: number;
  /** As many fields as the line has: the caller decides what a wrong count means. */
  fields: string[];
}

/** Longest stretch of synchronous work between two turns of the event loop. */
const SLICE_MS = 8;
/**
 * The parser handles each piece it is given in one synchronous call, so pieces are kept small: 1 KB of
 * the worst input (`,\n` lines) is 512 records.
 */
const PIECE_BYTES = 1024;
const DEFAULT_MAX_RECORD_CHARS = 64 * 1024;

/**
 * Reads a CSV body as it arrives (csv-parse's stream API: quoted fields, embedded commas and newlines, a
 * UTF-8 BOM) and yields its records in batches, so a file is never held as one string and a record costs
 * no promise of its own. Limits are enforced while reading: over `maxBytes` or `maxRows` it stops at once
 * with a 413, before the caller has stored anything. A batch ends after SLICE_MS of work (the caller's work
 * on the previous batch included), and the event loop gets a turn before the next one, so one large or
 * hostile import cannot stall the other requests of the process.
 *
 * When it stops early the rest of the body is drained unread, so the 413 reaches the client on a healthy
 * connection.
 */
export async function* readCsvRecords(source: Readable, limits: CsvLimits): AsyncGenerator<CsvRecord[]> {
  const pieces = new BoundedPieces(limits.maxBytes);
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: limits.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
  });
  acceptAnyFieldCount(parser);
  const signal = new ParserSignal(parser);
  const forwardError = (err: Error) => parser.destroy(err);
  source.on('error', forwardError);
  pieces.on('error', forwardError);
  source.pipe(pieces).pipe(parser);

  let index = 0;
  let finished = false;
  try {
    for (;;) {
      const sliceStarted = performance.now();
      const batch: CsvRecord[] = [];
      // At least one read per turn: only a read() that returned null makes the stream announce its next
      // records with 'readable' (a slice that ran out before reading, on a descheduled process, must not
      // then wait for an event that will never come).
      do {
        const fields = parser.read() as string[] | null;
        if (fields === null) break;
        if (index > limits.maxRows) throw tooManyRows(limits.maxRows);
        batch.push({ index, fields });
        index += 1;
      } while (performance.now() - sliceStarted < (limits.sliceMs ?? SLICE_MS));
      signal.throwIfFailed();
      if (batch.length > 0) {
        yield batch;
        await yieldToEventLoop();
      } else if (signal.ended) {
        break;
      } else {
        // The buffer is drained (the read above returned null): wait for records, the end or an error.
        await signal.next();
      }
    }
    finished = true;
  } catch (err) {
    if (err instanceof CsvError) {
      throw new AppError('VALIDATION_FAILED', `CSV could not be parsed: ${err.message}`, [{ field: 'body', message: err.message }]);
    }
    throw err;
  } finally {
    signal.close();
    source.off('error', forwardError);
    if (!finished) {
      source.unpipe(pieces);
      pieces.destroy();
      parser.destroy();
      // Read and drop what the client is still sending, so that it can read our answer.
      source.resume();
    }
  }
}

/** Wakes the reader when the parser has records, has ended, or failed. */
class ParserSignal {
  ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private readonly onReadable = () => this.notify();
  private readonly onEnd = () => {
    this.ended = true;
    this.notify();
  };
  private readonly onError = (err: Error) => {
    this.failure ??= err;
    this.notify();
  };

  constructor(private readonly parser: Parser) {
    parser.on('readable', this.onReadable);
    parser.on('end', this.onEnd);
    parser.on('error', this.onError);
  }

  next(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  close(): void {
    this.parser.off('readable', this.onReadable);
    this.parser.off('end', this.onEnd);
    // Kept: a late error of the destroyed parser must not become an unhandled 'error' event.
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Counts the body's bytes against the limit and cuts it into pieces of at most PIECE_BYTES. */
class BoundedPieces extends Transform {
  private bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      callback(bodyTooLarge(this.maxBytes));
      return;
    }
    for (let start = 0; start < chunk.length; start += PIECE_BYTES) this.push(chunk.subarray(start, start + PIECE_BYTES));
    callback();
  }
}

/**
 * csv-parse builds a complete CsvError (a stack trace, and JSON copies of its parse state) for every
 * record whose field count differs from the first record's, even under relax_column_count, which then
 * keeps the record anyway. Measured here: 20-60 µs per such record against ~2 µs for a regular one, so a
 * file of `,\n` lines cost seconds per 100,000 rows, and 32,000 of them arrive in each 64 KB chunk. We
 * check field counts ourselves (a row error naming the row), so the parser is told that each record has
 * the length it expects. If an upgrade renames this state the parser falls back to its own (slow, still
 * correct) path, and the test on `info.invalid_field_length` in csv-stream.test.ts says so.
 */
export function acceptAnyFieldCount(parser: Parser): void {
  const state = (parser as unknown as { state: { record?: unknown } }).state;
  Object.defineProperty(state, 'expectedRecordLength', {
    get: () => (Array.isArray(state.record) ? state.record.length : undefined),
    set: () => undefined,
  });
}

function bodyTooLarge(maxBytes: number): AppError {
  const mb = Math.floor(maxBytes / (1024 * 1024));
  return new AppError('PAYLOAD_TOO_LARGE', `CSV body is larger than the ${mb} MB limit`, [
    { field: 'body', message: `larger than ${mb} MB` },
  ]);
}

function tooManyRows(maxRows: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `CSV has more than ${maxRows} data rows (IMPORT_MAX_ROWS); split it into smaller files. Nothing was imported.`,
    [{ field: 'body', message: `more than ${maxRows} rows` }],
  );
}
