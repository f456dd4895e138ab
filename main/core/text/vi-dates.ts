// Dates as written in Vietnamese documents (docs/vietnamese-text.md §7.4): "ngày 28/3/2022",
// "ngày 28-3-2022", "ngày 28.3.2022", "ngày 28 tháng 3 năm 2022", and the header line
// "Hà Nội, ngày 05 tháng 01 năm 2021". Day/month ranges are validated; d/m without a year is
// never a date.

import { isoDate } from '../../contract/dates.js';

// The calendar check is shared with what a person types (main/contract/dates.ts).
export { isoDate };

export interface FoundDate {
  /** yyyy-mm-dd */
  iso: string;
  index: number;
  end: number;
}

const DATE_RE =
  /(?:ngày|Ngày|NGÀY)\s*(\d{1,2})\s*(?:[/.-]|tháng|Tháng|THÁNG)\s*(\d{1,2})\s*(?:[/.-]|năm|Năm|NĂM)\s*(\d{4})/gu;

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
