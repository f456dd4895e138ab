import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandAbbreviation } from '../../../main/core/search/abbreviation-expander.js';
import { buildMatch } from '../../../main/core/search/fts-query.js';
import { parseQuery } from '../../../main/core/search/query-parser.js';
import {
  foldedWords,
  indexTerms,
  numberToken,
  pairTerm,
  tokenize,
  type IndexedField,
} from '../../../main/core/search/search-terms.js';
import { testdata } from '../../helpers/repo-root.js';

/** The terms tokenize()'s tokens give, the way queries see a text: what the index must hold. */
function termsOfTokens(text: string): IndexedField {
  const { tokens, numbers } = tokenize(text);
  const pairs = tokens.flatMap((t, k) => (k > 0 && !t.breakBefore ? [pairTerm(tokens[k - 1]!.f, t.f)] : []));
  return {
    f: tokens.map((t) => t.f).join(' '),
    b: [...pairs, ...numbers.map(numberToken)].join(' '),
    a: tokens.map((t) => t.a).join(' '),
  };
}

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

  it('are the terms the query side tokenizes, on every real document and on any text (property)', () => {
    const dir = testdata('real-docs', 'docs');
    const texts = readdirSync(dir)
      .filter((n) => n.endsWith('.txt'))
      .map((n) => readFileSync(`${dir}/${n}`, 'utf8'));
    expect(texts.length).toBeGreaterThan(100);
    // Also a whole document at once, past the writers' starting size, and text needing cleaning.
    texts.push(texts.join('\n'), 'Nghi\u0323 quy\u00adết\u00a0số 5; QĐ-TTg 08/2022/QĐ-TTg');
    for (const text of texts) {
      expect(indexTerms(text)).toEqual(termsOfTokens(text));
      expect(foldedWords(text)).toBe(termsOfTokens(text).f);
    }
    const alphabet = [
      ...'aăâeêioôơuưyđdqgnhtcQĐ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ0123456789/-.,;&_\n\u0301',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 120 }), (chars) => {
        const text = chars.join('');
        expect(indexTerms(text)).toEqual(termsOfTokens(text));
        expect(foldedWords(text)).toBe(termsOfTokens(text).f);
      }),
      { numRuns: 2000 },
    );
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
        quyet: 9900,
        dinh: 9900,
        quyet_dinh: 9800,
        giai: 1000,
        phong: 3000,
        mat: 2000,
        bang: 2500,
        giai_phong: 500,
        phong_mat: 400,
        mat_bang: 450,
        dinh_giai: 30,
      }),
      total: 10_000,
      expand: () => [],
    });
    expect(plan.expr).toContain('"giai_phong"');
    expect(plan.expr).toContain('"mat_bang"');
    expect(plan.expr).not.toContain('"quyet_dinh"');
    expect(plan.terms).toEqual(expect.arrayContaining(['quyet', 'dinh', 'giai', 'phong', 'mat', 'bang']));
  });

  it('matches on every term in a small archive, however common', () => {
    const plan = buildMatch(parseQuery('quyet dinh thanh lap ban chi dao'), {
      df: () => 10,
      total: 12,
      expand: () => [],
    });
    for (const t of ['quyet', 'dinh', 'thanh', 'lap', 'ban', 'chi', 'dao', 'thanh_lap', 'chi_dao']) {
      expect(plan.expr).toContain(`"${t}"`);
    }
  });

  it('recalls on folded terms only; a rare accent-kept term only boosts', () => {
    // "Quyet Đinh": the accent-kept "đinh" (a surname) is rare, the folded words are common.
    const counts: Record<string, number> = { quyet: 9000, dinh: 9500, quyet_dinh: 1500, đinh: 3 };
    const plan = buildMatch(parseQuery('Quyet Đinh'), { df: df(counts), total: 10_000, expand: () => [] });
    expect(plan.expr).toContain('"quyet_dinh"');
    expect(plan.expr).not.toContain('đinh');
    expect(plan.boost).toContain('"đinh"');
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
