import { describe, expect, it } from 'vitest';
import { parseDateValue, parseQuery } from '../../../main/core/search/query-parser.js';

describe('parseQuery', () => {
  it('reads a number typed with a space for the hyphen before the issuer code', () => {
    for (const typed of ['1520/QD UBND', '1520/qđ ubnd', '1520/QĐ-UBND']) {
      expect(
        parseQuery(typed).numbers.map((n) => n.key),
        typed,
      ).toEqual(['1520-qd-ubnd']);
      expect(parseQuery(typed).segments, typed).toEqual([]);
    }
    // A Vietnamese word after the number stays a word, typed with or without its marks.
    expect(parseQuery('45/KH ban hành').segments).toEqual(['ban hành']);
    for (const typed of ['1520/qd truong hoc', '1520/QĐ trường học', '15/qd nguoi lao dong']) {
      expect(
        parseQuery(typed).numbers.map((n) => n.raw),
        typed,
      ).toEqual([typed.split(' ')[0]]);
    }
  });

  it('splits words, quoted phrases, exclusions, prefixes and OR', () => {
    const q = parseQuery('kế hoạch "chuyển đổi số" -"dự thảo" -nháp năm 2023 OR 2024 quyết*');
    expect(q.segments).toEqual(['kế hoạch', 'năm 2023', '2024']);
    expect(q.phrases).toEqual(['chuyển đổi số']);
    expect(q.excluded).toEqual(['dự thảo', 'nháp']);
    expect(q.prefixes).toEqual(['quyết']);
  });

  it('reads every filter, quoted values and date spellings', () => {
    const q = parseQuery(
      'tiêm chủng so:08/2022/QĐ-TTg loai:"Kế hoạch" coquan:"Sở Y tế" nam:2021,2022 tu:05/03/2021 den:2022-06 tag:"Y tế"',
    );
    expect(q.segments).toEqual(['tiêm chủng']);
    expect(q.filters).toEqual({
      number: '08/2022/QĐ-TTg',
      types: ['Kế hoạch'],
      issuers: ['Sở Y tế'],
      years: [2021, 2022],
      dateFrom: '2021-03-05',
      dateTo: '2022-06',
      tags: ['Y tế'],
    });
  });

  it('accepts accented filter names and leaves unknown prefixes as words', () => {
    const q = parseQuery('năm:2020 loại:QĐ http://x');
    expect(q.filters.years).toEqual([2020]);
    expect(q.filters.types).toEqual(['QĐ']);
    expect(q.segments).toEqual(['http://x']);
  });

  it('recognizes document numbers in any case and flags a bare number', () => {
    for (const s of ['08/2022/QĐ-TTg', '08/2022/qd-ttg', 'Quyết định số 08/2022/QĐ-TTg']) {
      const q = parseQuery(s);
      expect(q.numbers.map((n) => n.key)).toEqual(['8-2022-qd-ttg']);
      expect(q.bareNumber).toBe(true);
    }
    const party = parseQuery('04-CTr/QU');
    expect(party.numbers.map((n) => n.key)).toEqual(['4-ctr-qu']);
    const mixed = parseQuery('Điều 8 05/2022/QH15');
    expect(mixed.numbers.map((n) => n.key)).toEqual(['5-2022-qh15']);
    expect(mixed.segments).toEqual(['Điều 8']);
    expect(mixed.bareNumber).toBe(false);
  });

  it('does not take dates for numbers', () => {
    expect(parseQuery('họp ngày 28/3/2022').numbers).toEqual([]);
  });

  it('parses NEAR groups', () => {
    const q = parseQuery('NEAR(quyết định thủ tướng, 3) đất đai');
    expect(q.nears).toEqual([{ text: 'quyết định thủ tướng', distance: 3 }]);
    expect(q.segments).toEqual(['đất đai']);
  });

  it('parses date values', () => {
    expect(parseDateValue('2023')).toBe('2023');
    expect(parseDateValue('3/2023')).toBe('2023-03');
    expect(parseDateValue('1.2.2023')).toBe('2023-02-01');
    expect(parseDateValue('hôm qua')).toBeNull();
  });
});
