import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accentKey, canonicalize, cleanText, fold } from '../../../main/core/text/normalize.js';
import { testdata } from '../../helpers/repo-root.js';

interface Vector {
  input: string;
  nfc: string;
  clean: string;
  canonical: string;
  folded: string;
  note: string;
}
const vectors = (JSON.parse(readFileSync(testdata('vi-normalize.json'), 'utf8')) as { vectors: Vector[] })
  .vectors;

describe('vi-normalize.json vectors', () => {
  it('has the vectors', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(70);
  });
  for (const v of vectors) {
    it(`${v.note} (${JSON.stringify(v.input)})`, () => {
      expect(v.input.normalize('NFC')).toBe(v.nfc);
      const clean = cleanText(v.input);
      expect(clean).toBe(v.clean);
      expect(canonicalize(clean)).toBe(v.canonical);
      expect(fold(clean)).toBe(v.folded);
      expect(fold(canonicalize(clean))).toBe(v.folded);
      expect(fold(clean).length).toBe(clean.length);
    });
  }
  it('maps old/new tone placement pairs to one accent key', () => {
    const pairs = [
      ['hoà bình', 'hòa bình'],
      ['thuý', 'thúy'],
      ['khoẻ mạnh', 'khỏe mạnh'],
      ['TỈNH UỶ', 'Tỉnh ủy'],
      ['Thanh Hoá', 'thanh hóa'],
    ] as const;
    for (const [a, b] of pairs) expect(accentKey(cleanText(a))).toBe(accentKey(cleanText(b)));
    expect(accentKey('quyết định')).not.toBe(accentKey('quyết đinh'));
  });
});

describe('cleanText layout', () => {
  it('keeps line breaks, trims lines and keeps at most one blank line', () => {
    expect(cleanText('  UBND TỈNH \r\n SỞ NỘI VỤ\n\n\n\nSố: 1/QĐ-SNV  ')).toBe(
      'UBND TỈNH\nSỞ NỘI VỤ\n\nSố: 1/QĐ-SNV',
    );
  });
  it('rejoins a syllable hyphenated across a line end but not a real compound', () => {
    expect(cleanText('Nghị quy-\nết số 5')).toBe('Nghị quyết số 5');
    expect(cleanText('Độc lập - Tự-\ndo')).toBe('Độc lập - Tự-\ndo');
    expect(cleanText('số 04-\nCTr/QU và 30/2020/NĐ-\nCP')).toBe('số 04-CTr/QU và 30/2020/NĐ-CP');
    expect(cleanText('Độc lập -\nTự do')).toBe('Độc lập -\nTự do');
  });
  it('repairs a spacing accent drawn after its vowel', () => {
    expect(cleanText('quyê\u00b4t đi\u02c0nh')).toBe('quyết đỉnh');
  });
});

describe('cleanText is idempotent (stored pages are cleaned again by extraction)', () => {
  it('drops invisible characters before repairing a spacing accent (fast-check seed 633303196)', () => {
    const cases = ['a\u00b4\u00ada', 'a\u00b4\u200ba', 'a\u00b4\u0301a', 'quyê\u00b4\u00adt'];
    // Same class: a ligature expanded after the repair, stacked accents, a mark that cannot compose.
    cases.push('\ufb01\u02c6a', 'a\u02c6\u02cba', 'ê\u02c6\u02cba');
    for (const s of cases) {
      const once = cleanText(s);
      expect(cleanText(once)).toBe(once);
    }
    expect(cleanText('a\u00b4\u00ada')).toBe('áa');
    expect(cleanText('quyê\u00b4\u00adt')).toBe('quyết');
  });
  it('for arbitrary and Vietnamese-like strings', () => {
    const alphabet = [
      ...'aăâeêioôơuưyđqgnhtcQĐ àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệ0123456789/-.,\n\t\u00a0\u00ad\u0301\u00b4–',
    ];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }).map((a) => a.join('')),
        ),
        (s) => {
          const once = cleanText(s);
          expect(cleanText(once)).toBe(once);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('fold is length-preserving on cleaned text', () => {
  it('for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const c = cleanText(s);
        expect(fold(c).length).toBe(c.length);
        expect(canonicalize(c).length).toBe(c.length);
      }),
      { numRuns: 3000 },
    );
  });
  it('for Vietnamese-like strings, offsets in the folded copy point at the same syllables', () => {
    const alphabet = [
      ...'aăâeêioôơuưyđdqgnhtc àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐÀỦ\u0301\u00ad\u00a0-\n',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }), (chars) => {
        const c = cleanText(chars.join(''));
        const f = fold(c);
        expect(f.length).toBe(c.length);
        for (let i = 0; i < c.length; i++) expect(f[i]).toBe(fold(c[i]!));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fold reuses one scratch array across calls', () => {
  // Each character folded on its own: the reference the whole-string fold must equal.
  const byChar = (s: string): string => [...s].map((ch) => fold(ch)).join('');
  it('a short fold after a long one, and one past the kept array, return their own text', () => {
    const long = 'Quyết định số 08/2022/QĐ-TTg về việc phê duyệt Đề án '.repeat(1500); // > 65,536 units
    const mid = long.slice(0, 5000);
    const foldedLong = fold(long);
    const foldedMid = fold(mid);
    const short = fold('Ủy ban');
    expect(short).toBe('uy ban');
    expect(foldedMid).toBe(byChar(mid));
    expect(foldedLong.length).toBe(long.length);
    expect(foldedLong).toBe(byChar(long));
    // Earlier results are strings of their own: later folds leave them as they were.
    expect(fold('Đ')).toBe('d');
    expect(short).toBe('uy ban');
    expect(foldedMid.slice(0, 13)).toBe('quyet dinh so');
  });
  it('equals folding character by character for any mix of lengths', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom(...'aăâđêôơưÀẢẠỦỪ Đ\u0301xyz09'), maxLength: 3000 }), {
          maxLength: 6,
        }),
        (texts) => {
          const folded = texts.map((t) => fold(t));
          texts.forEach((t, i) => expect(folded[i]).toBe(byChar(t)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
