import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLUMN_KIND, FTS_COLUMNS, FTS_WEIGHTS } from '../../../main/core/search/fts-query.js';
import { docTerms, KINDS } from '../../../main/core/search/impact-terms.js';
import { foldedWords, indexTerms } from '../../../main/core/search/search-terms.js';
import { testdata } from '../../helpers/repo-root.js';

/**
 * What the store must get from a row, by the plain reading of it: every space-separated token counts
 * toward the length; a token's weighted frequency is its columns' weights summed per kind, for all
 * tokens but "n_…" numbers and unaccented syllables of accent-kept columns. In order of first occurrence.
 */
function expected(row: readonly string[]): { len: number; terms: [string, number][] } {
  let len = 0;
  const maps = KINDS.map(() => new Map<string, number>());
  row.forEach((text, c) => {
    const col = FTS_COLUMNS[c]!;
    const k = KINDS.indexOf(COLUMN_KIND[col]);
    for (const tok of text.split(' ')) {
      if (!tok) continue;
      len++;
      if (
        tok.startsWith('n_') ||
        (COLUMN_KIND[col] === 'a' && ![...tok].some((ch) => ch.charCodeAt(0) > 0x7f))
      )
        continue;
      maps[k]!.set(tok, (maps[k]!.get(tok) ?? 0) + FTS_WEIGHTS[col]);
    }
  });
  return { len, terms: maps.flatMap((m, k) => [...m].map(([t, f]): [string, number] => [KINDS[k] + t, f])) };
}

function actual(row: readonly string[]): { len: number; terms: [string, number][] } {
  const t = docTerms(row);
  const terms: [string, number][] = [];
  t.kinds.forEach((kt, k) => {
    for (let j = 0; j < kt.n; j++) terms.push([KINDS[k] + kt.strs[kt.ids[j]!]!, kt.freq[kt.ids[j]!]!]);
  });
  return { len: t.len, terms };
}

function rowOf(title: string, body: string): string[] {
  const t = indexTerms(title);
  const b = indexTerms(body);
  const number = `n_8_2022_qd_ttg ${foldedWords('08/2022/QĐ-TTg')}`;
  return [
    number,
    t.f,
    t.b,
    t.a,
    foldedWords('Chuyển đổi số . Cải cách'),
    '',
    '',
    'quyet dinh',
    b.f,
    b.b,
    b.a,
  ];
}

describe('impact terms of an FTS row', () => {
  it('count every token and weigh every storable term as the row reads, on every real document', () => {
    const dir = testdata('real-docs', 'docs');
    const texts = readdirSync(dir)
      .filter((n) => n.endsWith('.txt'))
      .map((n) => readFileSync(`${dir}/${n}`, 'utf8'));
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      const row = rowOf(text.slice(0, 300), text);
      expect(actual(row)).toEqual(expected(row));
    }
  });

  it('stay exact past the term table being emptied, and on any spacing (property)', () => {
    // More distinct terms than the table keeps (2^18 per kind): it is emptied between documents.
    const many = (d: number, n: number): string =>
      Array.from({ length: n }, (_, i) => `t${d}x${i.toString(36)}${i % 7 === 0 ? 'ệ' : ''}`).join(' ');
    for (let d = 0; d < 4; d++) {
      const row = FTS_COLUMNS.map((_, c) => (c === 8 || c === 10 ? many(d, 100_000) : 'quyet dinh  so'));
      expect(actual(row)).toEqual(expected(row));
    }
    const alphabet = [...'an_ăđệ  x'];
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), { minLength: 11, maxLength: 11 }),
        (cols) => {
          const row = cols.map((c) => c.join(''));
          expect(actual(row)).toEqual(expected(row));
        },
      ),
    );
  });
});
