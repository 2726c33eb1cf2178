/**
 * The numbers the simulated account owns, as SIM_OWNED_NUMBERS / SIM_VERIFIED_CALLER_IDS write them: E.164
 * numbers, or a prefix ending in `*` for a whole range (`+1415555*`), which answers for any number in it
 * but, having no single number, is not listed when no number is asked for.
 */
export class OwnedNumbers {
  private readonly exact: string[];
  private readonly prefixes: string[];

  constructor(entries: readonly string[]) {
    const cleaned = entries.map((entry) => entry.trim()).filter(Boolean);
    this.exact = [...new Set(cleaned.filter((entry) => !entry.endsWith('*')))];
    this.prefixes = cleaned.filter((entry) => entry.endsWith('*')).map((entry) => entry.slice(0, -1));
  }

  has(phoneNumber: string): boolean {
    return this.exact.includes(phoneNumber) || this.prefixes.some((prefix) => phoneNumber.startsWith(prefix));
  }

  /** What a list request returns: the number asked for when owned, else every listable number. */
  find(phoneNumber: string | undefined): string[] {
    if (phoneNumber !== undefined) return this.has(phoneNumber) ? [phoneNumber] : [];
    return [...this.exact];
  }
}

/** Reads a comma-separated list of entries (E.164 numbers or `+prefix*` ranges). */
export function parseOwnedNumbers(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** A valid entry: `+` and digits, optionally ending in `*`. */
export const OWNED_NUMBER_ENTRY = /^\+\d{1,15}\*?$/;
