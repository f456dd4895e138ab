import { describe, expect, it } from 'vitest';
import { findMatches } from '../../../renderer/src/features/document/fold-matcher.js';

const slice = (text: string, query: string) =>
  findMatches(text, query).map((r) => text.slice(r.start, r.end));

describe('findMatches (Vietnamese find in the previews)', () => {
  it('finds đ words from an unaccented query', () => {
    expect(slice('Mở rộng đường Đắk Lắk', 'duong dak lak')).toEqual(['đường Đắk Lắk']);
  });

  it('matches the whole phrase across a line break and extra spaces', () => {
    expect(slice('Về việc thành lập\nBan   Chỉ đạo', 'thanh lap ban chi dao')).toEqual([
      'thành lập\nBan   Chỉ đạo',
    ]);
  });

  it('never marks the syllables of a pair one by one (issue 15)', () => {
    // Was ['Quyết', 'Ban'] and ['Thủ', 'trữ']: single syllables of words typed together.
    expect(slice('Quyết định này; Ban hành ngày', 'quyet ban')).toEqual([]);
    expect(slice('Thủ trưởng, lưu trữ', 'tru thu')).toEqual([]);
    expect(slice('Giải quyết theo Quy định; Quyết định số 5', 'quyet dinh')).toEqual(['Quyết định']);
  });

  it('maps offsets back onto decomposed (NFD) text', () => {
    const nfd = 'Nghị quyết số 12'.normalize('NFD');
    const hits = slice(nfd, 'nghi quyet');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.normalize('NFC')).toBe('Nghị quyết');
  });

  it('does not match inside a longer word, but treats the last word of a pair as a prefix', () => {
    expect(slice('bàn bạc, ban', 'an')).toEqual([]);
    // The word the prefix starts is marked whole (was 'chuyển đổ'), as the search snippets mark it.
    expect(slice('chuyển đổi số', 'chuyen do')).toEqual(['chuyển đổi']);
  });

  it('matches document numbers written with Đ', () => {
    expect(slice('theo Quyết định số 1520/QĐ-UBND ngày', '1520/qd-ubnd')).toEqual(['1520/QĐ-UBND']);
  });

  it('ignores query operators, excluded words and inline filters', () => {
    const text = 'Quyết định hủy bỏ của UBND; nghị quyết';
    expect(slice(text, '"quyết định" -huy loai:nghi_quyet OR tag:x ubnd')).toEqual(['Quyết định', 'UBND']);
  });

  it('matches a phrase across punctuation between its words', () => {
    expect(slice('công tác văn thư, lưu trữ và', 'van thu luu tru')).toEqual(['văn thư, lưu trữ']);
  });

  it('an accented query marks only its accented form (issue 15)', () => {
    expect(slice('số hóa hồ sơ và chuyển đổi số', 'chuyển đổi số')).toEqual(['chuyển đổi số']);
    expect(slice('Độc lập - Tự do; Ủy ban nhân dân; thành lập Ban Chỉ đạo', 'thành lập ban chỉ đạo')).toEqual(
      ['thành lập Ban Chỉ đạo'],
    );
  });
});
