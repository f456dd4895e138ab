import { describe, expect, it } from 'vitest';
import {
  chooseMode,
  findMatches,
  highlightWords,
} from '../../../renderer/src/features/document/fold-matcher.js';

const slice = (text: string, query: string, mode?: 'phrase' | 'words') =>
  findMatches(text, query, mode).map((r) => text.slice(r.start, r.end));

describe('findMatches (Vietnamese find in the previews)', () => {
  it('finds đ words from an unaccented query', () => {
    expect(slice('Mở rộng đường Đắk Lắk', 'duong dak lak')).toEqual(['đường Đắk Lắk']);
  });

  it('matches the whole phrase across a line break and extra spaces', () => {
    expect(slice('Về việc thành lập\nBan   Chỉ đạo', 'thanh lap ban chi dao')).toEqual([
      'thành lập\nBan   Chỉ đạo',
    ]);
  });

  it('falls back to single words when the phrase does not occur', () => {
    expect(slice('Quyết định này; Ban hành ngày', 'quyet ban')).toEqual(['Quyết', 'Ban']);
  });

  it('maps offsets back onto decomposed (NFD) text', () => {
    const nfd = 'Nghị quyết số 12'.normalize('NFD');
    const hits = slice(nfd, 'nghi quyet');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.normalize('NFC')).toBe('Nghị quyết');
  });

  it('does not match inside a longer word, but treats the last word as a prefix', () => {
    expect(slice('bàn bạc, ban', 'an')).toEqual([]);
    expect(slice('chuyển đổi số', 'chuyen do')).toEqual(['chuyển đổ']);
  });

  it('matches document numbers written with Đ', () => {
    expect(slice('theo Quyết định số 1520/QĐ-UBND ngày', '1520/qd-ubnd')).toEqual(['1520/QĐ-UBND']);
  });

  it('ignores query operators and inline filters', () => {
    expect(highlightWords('"quyết định" -huy loai:nghi_quyet OR tag:x ubnd')).toEqual([
      'quyet',
      'dinh',
      'ubnd',
    ]);
  });

  it('matches a phrase across punctuation between its words', () => {
    expect(slice('công tác văn thư, lưu trữ và', 'van thu luu tru')).toEqual(['văn thư, lưu trữ']);
  });

  it('matches only whole words when it falls back to single words', () => {
    expect(slice('Thủ trưởng, lưu trữ', 'tru thu', 'words')).toEqual(['Thủ', 'trữ']);
  });

  it('chooses one mode for all pages of a document', () => {
    const pages = ['Ban hành quyết định', 'Về việc thành lập Ban Chỉ đạo'];
    expect(chooseMode(pages, 'thanh lap ban')).toBe('phrase');
    expect(findMatches(pages[0]!, 'thanh lap ban', 'phrase')).toEqual([]);
    expect(chooseMode(pages, 'ban quyet')).toBe('words');
  });
});
