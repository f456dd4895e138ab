import { describe, expect, it } from 'vitest';
import { buildSnippets, markParts, markerFor } from '../../../main/core/search/highlight.js';

const marked = (text: string, query: string, opts?: Parameters<typeof markerFor>[1]): string[] =>
  markParts(text, markerFor(query, opts))
    .filter((p) => p.match)
    .map((p) => p.text);

describe('highlighting on the original text', () => {
  it('marks accented words found by unaccented query words, keeping the original spelling', () => {
    const text = 'Quyết định về Đường sắt Đà Nẵng';
    const parts = markParts(text, markerFor('quyet dinh; duong; da'));
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Quyết định', 'Đường', 'Đà']);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('matches whole words only, and the last word as a prefix when typing', () => {
    // issue 15: a pair is one mark; a lone word is whole unless it is being typed.
    expect(marked('Ban bánh, bàn nhà nhanh banh', 'ban')).toEqual(['Ban', 'bàn']);
    expect(marked('Ban bánh, bàn nhà nhanh banh', 'ban; nha', { lastIsPrefix: 'always' })).toEqual([
      'Ban',
      'bàn',
      'nhà',
      'nhanh',
    ]);
  });

  it('marks decomposed (NFD) text', () => {
    const nfd = 'Quyết định'.normalize('NFD');
    expect(markParts(nfd, markerFor('quyet')).filter((p) => p.match)).toHaveLength(1);
  });

  it('builds up to three snippets with their page, best window first', () => {
    const filler = 'nội dung khác không liên quan. '.repeat(30);
    const pages = [
      { page: 1, fileName: 'a.pdf', text: `${filler}chuyển đổi số ${filler}` },
      { page: 2, fileName: 'a.pdf', text: `${filler}Kế hoạch chuyển đổi số của tỉnh ${filler}` },
    ];
    const snippets = buildSnippets(pages, markerFor('ke hoach chuyen doi so'), 3);
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    expect(snippets[0]!.page).toBe(2);
    // issue 15: the phrase as typed is one mark, not five syllables.
    expect(snippets[0]!.parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Kế hoạch chuyển đổi số']);
    expect(snippets.every((s) => s.parts.some((p) => p.match))).toBe(true);
  });

  it('gives no snippet when nothing matches', () => {
    expect(buildSnippets([{ page: 1, fileName: null, text: 'không có gì' }], markerFor('zzz'))).toEqual([]);
  });
});
