/** Contract shapes carry dates as ISO strings, and absent dates as null. */
export function isoOrNull(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}
