// Dates as written in Vietnamese documents (docs/vietnamese-text.md §7.4): "ngày 28/3/2022",
// "ngày 28-3-2022", "ngày 28.3.2022", "ngày 28 tháng 3 năm 2022", and the header line
// "Hà Nội, ngày 05 tháng 01 năm 2021". Day/month ranges are validated; d/m without a year is
// never a date.

export interface FoundDate {
  /** yyyy-mm-dd */
  iso: string;
  index: number;
  end: number;
}

const DATE_RE =
  /(?:ngày|Ngày|NGÀY)\s*(\d{1,2})\s*(?:[/.-]|tháng|Tháng|THÁNG)\s*(\d{1,2})\s*(?:[/.-]|năm|Năm|NĂM)\s*(\d{4})/gu;

/** yyyy-mm-dd for a valid day, month and year, else null. */
export function isoDate(day: number, month: number, year: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > dim) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Every "ngày …" date in the text, in order. */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (iso) out.push({ iso, index: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The "ngày …" date that starts the text (after spaces/commas), e.g. right after a cited number. */
export function leadingDate(text: string): FoundDate | null {
  const m = /^[\s,]*(?:ban hành\s+)?/u.exec(text);
  const skip = m ? m[0].length : 0;
  const d = findDates(text.slice(skip, skip + 40))[0];
  if (!d || d.index !== 0) return null;
  return { iso: d.iso, index: skip, end: skip + d.end };
}
