import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findSection, parseSections, sectionAt, sectionRef } from '../../../main/core/text/sections.js';
import { testdata } from '../../helpers/repo-root.js';

const realDoc = (id: string): string => readFileSync(testdata('real-docs', 'docs', `${id}.txt`), 'utf8');

describe('sections of a structured text (issue 15)', () => {
  it('finds Chương, Điều and khoản of a real decree, each with its path', () => {
    const text = realDoc('21-2021-nd-cp');
    const sections = parseSections(text);
    const dieu = sections.filter((s) => s.kind === 'dieu').map((s) => s.number);
    // Every article heading of the text, in order, and nothing else.
    const printed = [...text.matchAll(/^Điều (\d+)\./gm)].map((m) => m[1]);
    expect(dieu).toEqual(printed);
    expect(sections.filter((s) => s.kind === 'chuong').map((s) => s.path)).toEqual(
      [...text.matchAll(/^Chương ([IVX]+)/gm)].map((m) => `Chương ${m[1]}`),
    );
    const k = findSection(sections, { dieu: '5', khoan: '2' })!;
    expect(k.path).toBe('Điều 5, khoản 2');
    expect(text.slice(k.start, k.end)).toMatch(
      /^2\.\s+Một nghĩa vụ có thể được bảo đảm thực hiện bằng nhiều tài sản/,
    );
    expect(text.slice(k.start, k.end)).not.toMatch(/Điều 6/);
    const d5 = findSection(sections, { dieu: '5' })!;
    expect(text.slice(d5.start, d5.end)).toMatch(/^Điều 5\. Bảo đảm thực hiện nghĩa vụ/);
    expect(sectionAt(sections, k.start + 10)).toBe(k);
  });

  it('does not take a reference at the start of a wrapped line for a heading', () => {
    const text = realDoc('36-2015-nd-cp');
    // Line 35 begins "Điều 4 Nghị định này, …" inside Điều 5.
    expect(text).toMatch(/^Điều 4 Nghị định này/m);
    const dieu = parseSections(text).filter((s) => s.kind === 'dieu');
    expect(dieu.map((s) => s.number)).toEqual([...text.matchAll(/^Điều (\d+)\./gm)].map((m) => m[1]));
  });

  it('a decision and the regulation it issues: the articles start again at 1', () => {
    const text = [
      'QUYẾT ĐỊNH',
      'Điều 1. Ban hành kèm theo Quyết định này Quy định về lưu trữ.',
      'Điều 2. Quyết định có hiệu lực từ ngày ký.',
      'QUY ĐỊNH',
      'Chương I',
      'QUY ĐỊNH CHUNG',
      'Điều 1. Phạm vi',
      'Mục 1. Hồ sơ',
      'Điều 2. Hồ sơ điện tử',
      '1. Hồ sơ điện tử được lập.',
      '2. Hồ sơ điện tử được lưu.',
      'Điều 3: Thời hạn',
    ].join('\n');
    const s = parseSections(text);
    expect(s.map((x) => x.path)).toEqual([
      'Điều 1',
      'Điều 2',
      'Chương I',
      'Điều 1',
      'Chương I, Mục 1',
      'Điều 2',
      'Điều 2, khoản 1',
      'Điều 2, khoản 2',
      'Điều 3',
    ]);
    expect(findSection(s, { dieu: '2', khoan: '2' })!.start).toBe(text.indexOf('2. Hồ sơ điện tử được lưu'));
    // Khoản asked but missing: the article itself, the one that has it preferred.
    expect(findSection(s, { dieu: '3', khoan: '4' })!.path).toBe('Điều 3');
  });

  it('reads the section a query names, with or without accents, in either order', () => {
    expect(sectionRef('Điều 36 68/2020/QH14')).toEqual({ dieu: '36' });
    expect(sectionRef('khoan 2 dieu 5 quyet dinh 08/2022')).toEqual({ dieu: '5', khoan: '2' });
    expect(sectionRef('điều 5 khoản 2 nghị định 30/2020')).toEqual({ dieu: '5', khoan: '2' });
    expect(sectionRef('chương II luật đất đai')).toEqual({ chuong: 'ii' });
    expect(sectionRef('quyết định về điều chỉnh quy hoạch')).toBeNull();
  });
});
