// Document dates: ISO yyyy-mm-dd on the wire and in the database, dd/mm/yyyy on screen (the
// Vietnamese convention). One place for parsing what a person types and for showing dates, shared by
// the renderer (which may import only the contract), the core's text engine and the CLI.

/** yyyy-mm-dd for a valid day, month and year (1900–2100), else null. */
export function isoDate(day: number, month: number, year: number): string | null {
  if (!Number.isInteger(day) || !Number.isInteger(month) || !Number.isInteger(year)) return null;
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > dim) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date as a person types it: d/m/yyyy, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy (day first, as written
 * in Vietnam) or yyyy-mm-dd (ISO, also yyyy/mm/dd). Returns yyyy-mm-dd, or null when the text is not
 * a real calendar day (31/02/2024, 2024-13-01, "hôm qua"). Only a month or a year ("11/2025", "2025")
 * is what an archivist knows of many old papers: kept as the ISO prefix ("2025-11", "2025"), which
 * sorts, facets by year and prints like a full date.
 */
export function parseUserDate(text: string): string | null {
  const s = text.normalize('NFC').trim();
  let m = /^(\d{4})$/.exec(s);
  if (m) return isoDate(1, 1, Number(m[1])) ? m[1]! : null;
  m = /^(\d{1,2})\s*[-/.]\s*(\d{4})$/.exec(s);
  if (m) return isoDate(1, Number(m[1]), Number(m[2]))?.slice(0, 7) ?? null;
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return isoDate(1, Number(m[2]), Number(m[1]))?.slice(0, 7) ?? null;
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** "2022-03-08" → "08/03/2022"; "2022-03" → "03/2022"; "2022" → "2022"; other text unchanged. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso) ?? /^(\d{4})-(\d{2})-(\d{2})T/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (d && mo) return `${d}/${mo}/${y}`;
  if (mo) return `${mo}/${y}`;
  return y ?? iso;
}

/**
 * The instant a calendar day (yyyy-mm-dd, yyyy-mm or yyyy as parseUserDate gives) starts on this
 * machine's clock, `plusDays` later, as ISO: a person's "since 01/12" means their midnight, not UTC's.
 */
export function dayStartInstant(isoDay: string, plusDays = 0): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays).toISOString();
}

/** An ISO instant on this machine's clock: "03/12/2026 14:05:09". */
export function formatDateTime(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(t.getDate())}/${two(t.getMonth() + 1)}/${t.getFullYear()} ${two(t.getHours())}:${two(
    t.getMinutes(),
  )}:${two(t.getSeconds())}`;
}
