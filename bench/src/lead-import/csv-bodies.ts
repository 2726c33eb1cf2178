import { LEAD_CSV_COLUMNS } from '@dialwave/contracts';

const HEADER = LEAD_CSV_COLUMNS.join(',');

/** `rows` valid lead rows with unique US numbers (+1 415 4xx xxxx), about 80 bytes each. */
export function validLeadCsv(rows: number, firstNumber = 4_000_000): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    lines.push(`Lead${i},Bench${i},+1415${firstNumber + i},lead${i}@example.com,Company ${i % 997},America/Los_Angeles`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

/**
 * The file of the issue: a header, then ~5 MB of near-empty and garbage lines (blank, commas only, one
 * stray word, an empty quoted pair, a tab). It is over IMPORT_MAX_ROWS long before its end.
 */
export function hostileCsv(bytes = 5 * 1024 * 1024): Buffer {
  const garbage = `${[',', ' ', '', ',,,,,', 'x', '"",""', ';;', '\t'].join('\n')}\n`;
  return Buffer.from(`${HEADER}\n${garbage.repeat(Math.ceil(bytes / garbage.length))}`);
}
