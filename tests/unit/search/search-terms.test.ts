import { describe, expect, it } from 'vitest';
import { expandAbbreviation } from '../../../main/core/search/abbreviation-expander.js';
import { buildMatch } from '../../../main/core/search/fts-query.js';
import { parseQuery } from '../../../main/core/search/query-parser.js';
import { indexTerms, numberToken } from '../../../main/core/search/search-terms.js';

describe('index terms', () => {
  it('stores folded syllables, pairs within a clause, accent-kept canonical syllables and cited numbers', () => {
    const t = indexTerms('Căn cứ Quyết định số 08/2022/QĐ-TTg; hoà bình');
    expect(t.f).toBe('can cu quyet dinh so 08 2022 qd ttg hoa binh');
    expect(t.b.split(' ')).toEqual(
      expect.arrayContaining(['quyet_dinh', '08_2022', 'qd_ttg', 'hoa_binh', 'n_8_2022_qd_ttg']),
    );
    // No pair across the semicolon.
    expect(t.b.split(' ')).not.toContain('ttg_hoa');
    // Tone placement canonicalized: hoà and hòa are one accent-kept term.
    expect(t.a.split(' ')).toContain(indexTerms('hòa').a);
  });

  it('makes one number token per key', () => {
    expect(numberToken('8-2022-qd-ttg')).toBe('n_8_2022_qd_ttg');
  });
});

describe('abbreviation expansion', () => {
  it('expands abbreviations both ways but not ordinary words', () => {
    expect(expandAbbreviation('UBND')).toEqual(['uy ban nhan dan']);
    expect(expandAbbreviation('ubnd')).toEqual(['uy ban nhan dan']);
    expect(expandAbbreviation('ủy ban nhân dân')).toEqual(['ubnd']);
    expect(expandAbbreviation('từ')).toEqual([]);
    expect(expandAbbreviation('ct')).toEqual([]); // ambiguous (chỉ thị / chủ tịch) unless typed in capitals
  });
});

describe('match plan', () => {
  const df = (counts: Record<string, number>) => (t: string) => counts[t] ?? 0;

  it('matches on selective terms and leaves very common ones out', () => {
    const plan = buildMatch(parseQuery('quyết định giải phóng mặt bằng'), {
      df: df({
        quyet: 990,
        dinh: 990,
        quyet_dinh: 980,
        giai: 100,
        phong: 300,
        mat: 200,
        bang: 250,
        giai_phong: 50,
        phong_mat: 40,
        mat_bang: 45,
        dinh_giai: 3,
      }),
      total: 1000,
      expand: () => [],
    });
    expect(plan.expr).toContain('"giai_phong"');
    expect(plan.expr).toContain('"mat_bang"');
    expect(plan.expr).not.toContain('"quyet_dinh"');
    expect(plan.terms).toEqual(expect.arrayContaining(['quyet', 'dinh', 'giai', 'phong', 'mat', 'bang']));
  });

  it('still ranks a query of only common terms', () => {
    const plan = buildMatch(parseQuery('quyết định'), { df: () => 1000, total: 1000, expand: () => [] });
    expect(plan.expr).toContain('"quyet_dinh"');
  });

  it('requires quoted phrases and excludes -words', () => {
    const plan = buildMatch(parseQuery('"chuyển đổi số" -"dự thảo"'), {
      df: () => 10,
      total: 1000,
      expand: () => [],
    });
    // A phrase is matched as the phrase of its syllable pairs.
    expect(plan.expr).toMatch(/^\(\(.*"chuyen_doi doi_so"\).*\) NOT \(.*"du_thao"\)$/);
  });
});
