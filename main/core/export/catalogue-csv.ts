import { CATALOGUE_COLUMNS, type CatalogueRow } from './catalogue-rows.js';

// CSV for spreadsheets: UTF-8 with a BOM (without it Excel reads UTF-8 as the ANSI code page and
// garbles Vietnamese), CRLF line ends, RFC 4180 quoting. Cells that a spreadsheet would run as a
// formula (=, +, -, @ first) get a leading apostrophe (CSV injection). Produced line by line.

const BOM = '\ufeff';

export function csvCell(value: string | number): string {
  let s = String(value).normalize('NFC');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function* catalogueCsvChunks(rows: Iterable<CatalogueRow>): Generator<string> {
  yield `${BOM}${CATALOGUE_COLUMNS.map((c) => csvCell(c.vi)).join(',')}\r\n`;
  for (const row of rows) yield `${CATALOGUE_COLUMNS.map((c) => csvCell(row[c.key])).join(',')}\r\n`;
}
