// The order in which a document's files (and so its pages) are read: the main file first, then
// attachments by position. One definition for search, snippets, enrichment, re-extraction and export.

/** ORDER BY terms for `files` rows (optionally under a table alias). */
export function fileReadingOrder(alias?: string): string {
  const p = alias ? `${alias}.` : '';
  return `${p}role = 'attachment', ${p}position, ${p}id`;
}
