import { describe, expect, it } from 'vitest';
import { buildSnippets, markParts, matcherFor } from '../../../main/core/search/highlight.js';

describe('highlighting on the original text', () => {
  it('marks accented words found by folded query words, keeping the original spelling', () => {
    const parts = markParts('Quyết định về Đường sắt Đà Nẵng', matcherFor(['quyet', 'dinh', 'duong', 'da']));
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Quyết', 'định', 'Đường', 'Đà']);
    expect(parts.map((p) => p.text).join('')).toBe('Quyết định về Đường sắt Đà Nẵng');
  });

  it('matches whole words only, and prefixes when asked', () => {
    const m = matcherFor(['ban'], ['nha']);
    const marked = markParts('Ban bánh, bàn nhà nhanh banh', m)
      .filter((p) => p.match)
      .map((p) => p.text);
    expect(marked).toEqual(['Ban', 'bàn', 'nhà', 'nhanh']);
  });

  it('falls back to letter classes on text that is not clean NFC', () => {
    const nfd = 'Quyết định'.normalize('NFD');
    const marked = markParts(nfd, matcherFor(['quyet'])).filter((p) => p.match);
    expect(marked).toHaveLength(1);
  });

  it('builds up to three snippets with their page, best window first', () => {
    const filler = 'nội dung khác không liên quan. '.repeat(30);
    const pages = [
      { page: 1, fileName: 'a.pdf', text: `${filler}chuyển đổi số ${filler}` },
      { page: 2, fileName: 'a.pdf', text: `${filler}Kế hoạch chuyển đổi số của tỉnh ${filler}` },
    ];
    const snippets = buildSnippets(pages, matcherFor(['ke', 'hoach', 'chuyen', 'doi', 'so']), 3);
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    expect(snippets[0]!.page).toBe(2);
    expect(snippets[0]!.parts.filter((p) => p.match).map((p) => p.text)).toEqual([
      'Kế',
      'hoạch',
      'chuyển',
      'đổi',
      'số',
    ]);
    expect(snippets.every((s) => s.parts.some((p) => p.match))).toBe(true);
  });

  it('gives no snippet when nothing matches', () => {
    expect(buildSnippets([{ page: 1, fileName: null, text: 'không có gì' }], matcherFor(['zzz']))).toEqual(
      [],
    );
  });
});
