// The one parser of typed dates and the one dd/mm/yyyy formatter (main/contract/dates.ts), shared by
// the renderer's form, the core's metadata writes (app and CLI) and bulk edits.
import { describe, expect, it } from 'vitest';
import { formatDate, isoDate, parseUserDate } from '../../main/contract/dates.js';

describe('parseUserDate', () => {
  it('reads what Vietnamese users type, day first, and ISO', () => {
    expect(parseUserDate('28/11/2025')).toBe('2025-11-28');
    expect(parseUserDate('5/3/2024')).toBe('2024-03-05');
    expect(parseUserDate('05-03-2024')).toBe('2024-03-05');
    expect(parseUserDate('05.03.2024')).toBe('2024-03-05');
    expect(parseUserDate(' 5 / 3 / 2024 ')).toBe('2024-03-05');
    expect(parseUserDate('2024-03-05')).toBe('2024-03-05');
    expect(parseUserDate('2024/3/5')).toBe('2024-03-05');
    expect(parseUserDate('29/02/2024')).toBe('2024-02-29');
  });

  it('keeps a month or a year alone as the ISO prefix (old papers often carry no day)', () => {
    expect(parseUserDate('2024')).toBe('2024');
    expect(parseUserDate('12/2024')).toBe('2024-12');
    expect(parseUserDate('3-2024')).toBe('2024-03');
    expect(parseUserDate('2024-03')).toBe('2024-03');
    expect(formatDate(parseUserDate('3/2024'))).toBe('03/2024');
  });

  it('refuses days that do not exist and text that is not a date', () => {
    for (const bad of [
      '31/02/2024',
      '29/02/2023',
      '2024-13-01',
      '00/01/2024',
      '13/2024',
      '1899',
      '2024-13',
      'hôm qua',
      '',
      '28/11/25',
    ])
      expect(parseUserDate(bad), bad).toBeNull();
  });
});

describe('formatDate / isoDate', () => {
  it('shows ISO dates and prefixes as dd/mm/yyyy, mm/yyyy, yyyy', () => {
    expect(formatDate('2025-11-28')).toBe('28/11/2025');
    expect(formatDate('2025-11')).toBe('11/2025');
    expect(formatDate('2025')).toBe('2025');
    expect(formatDate('2025-11-28T09:00:00.000Z')).toBe('28/11/2025');
    expect(formatDate(null)).toBe('');
    expect(formatDate('không rõ')).toBe('không rõ');
  });
  it('round-trips every day of a leap year', () => {
    for (
      let d = new Date(Date.UTC(2024, 0, 1));
      d.getUTCFullYear() === 2024;
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      const iso = d.toISOString().slice(0, 10);
      expect(parseUserDate(formatDate(iso))).toBe(iso);
      expect(isoDate(d.getUTCDate(), d.getUTCMonth() + 1, 2024)).toBe(iso);
    }
  });
});
